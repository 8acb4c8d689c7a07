import { Body, Controller, Get, Headers, HttpCode, Param, Post, Res } from '@nestjs/common';
import { Operation } from '@o2c/contracts';
import { accountScopeOf, CurrentPrincipal, type Principal } from '@o2c/governance';
import { entityTag, ProblemException } from '@o2c/http';
import type { FastifyReply } from 'fastify';
import { requiredPrincipal } from '../cash-principal';
import type {
  ApplicationsBody,
  PayerIdentificationBody,
  PaymentBody,
  ReversalBody,
} from '../cash.contract';
import { presentPaymentCash, type PaymentCashView } from '../read/payment-cash.presenter';
import { PaymentCashReader } from '../read/payment-cash.reader';
import { ApplyPaymentCashUseCase } from '../review/apply-payment-cash.use-case';
import { IdentifyPaymentPayerUseCase } from '../review/identify-payment-payer.use-case';
import { ReverseCashApplicationUseCase } from '../review/reverse-cash-application.use-case';
import { RecordPaymentUseCase } from './record-payment.use-case';

const BASE = '/process/v1/payments';

function withPaymentHeaders<View extends PaymentCashView>(
  reply: FastifyReply,
  payment: View,
  created = false,
): View {
  void reply.header('etag', entityTag(payment.version));
  if (created) void reply.header('location', `${BASE}/${payment.id}`);
  return payment;
}

@Controller('process/v1/payments')
export class PaymentsController {
  constructor(
    private readonly recordPayment: RecordPaymentUseCase,
    private readonly applyCash: ApplyPaymentCashUseCase,
    private readonly reverseApplication: ReverseCashApplicationUseCase,
    private readonly identifyPayer: IdentifyPaymentPayerUseCase,
    private readonly reader: PaymentCashReader,
  ) {}

  @Post()
  @HttpCode(201)
  @Operation('recordPayment')
  async record(
    @CurrentPrincipal() principal: Principal | undefined,
    @Body() body: PaymentBody,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const payment = await this.recordPayment.execute(requiredPrincipal(principal), body);
    return withPaymentHeaders(reply, payment, true);
  }

  @Get(':paymentId')
  @Operation('getPaymentCash')
  async get(
    @CurrentPrincipal() principal: Principal | undefined,
    @Param('paymentId') id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const record = await this.reader.find(accountScopeOf(principal), id);
    if (!record) throw ProblemException.notFound('payment', id);
    return withPaymentHeaders(reply, presentPaymentCash(record));
  }

  @Post(':paymentId/applications')
  @HttpCode(200)
  @Operation('applyPaymentCash')
  async apply(
    @CurrentPrincipal() principal: Principal | undefined,
    @Param('paymentId') id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Body() body: ApplicationsBody,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const payment = await this.applyCash.execute(
      requiredPrincipal(principal),
      id,
      ifMatch,
      idempotencyKey,
      body,
    );
    return withPaymentHeaders(reply, payment);
  }

  @Post(':paymentId/reversals')
  @HttpCode(200)
  @Operation('reverseCashApplication')
  async reverse(
    @CurrentPrincipal() principal: Principal | undefined,
    @Param('paymentId') id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: ReversalBody,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const payment = await this.reverseApplication.execute(
      requiredPrincipal(principal),
      id,
      ifMatch,
      body,
    );
    return withPaymentHeaders(reply, payment);
  }

  @Post(':paymentId/payer')
  @HttpCode(200)
  @Operation('identifyPaymentPayer')
  async identify(
    @CurrentPrincipal() principal: Principal | undefined,
    @Param('paymentId') id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: PayerIdentificationBody,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const payment = await this.identifyPayer.execute(
      requiredPrincipal(principal),
      id,
      ifMatch,
      body,
    );
    return withPaymentHeaders(reply, payment);
  }
}
