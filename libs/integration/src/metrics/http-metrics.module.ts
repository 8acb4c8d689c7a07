import { Module } from '@nestjs/common';
import { HttpLatencyMetrics } from './http-latency.metrics';

/** The gateway's HTTP latency histogram (needs MetricsModule and ContractsModule). */
@Module({ providers: [HttpLatencyMetrics] })
export class HttpMetricsModule {}
