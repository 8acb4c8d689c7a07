import {
  Body,
  Controller,
  Delete,
  Get,
  Headers,
  HttpCode,
  Param,
  Patch,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import { Operation } from '@o2c/contracts';
import { CurrentPrincipal, type Principal } from '@o2c/governance';
import { ApiErrorCode, entityTag, ProblemException } from '@o2c/http';
import type { FastifyReply } from 'fastify';
import { PingSubscriptionUseCase } from './deliveries/ping-subscription.use-case';
import { WebhookDeliveryQueries } from './deliveries/webhook-delivery-queries.service';
import { ChangeSubscriptionUseCase } from './subscriptions/change-subscription.use-case';
import { RegisterSubscriptionUseCase } from './subscriptions/register-subscription.use-case';
import { RemoveSubscriptionUseCase } from './subscriptions/remove-subscription.use-case';
import { RotateSigningSecretUseCase } from './subscriptions/rotate-signing-secret.use-case';
import { SubscriptionQueries } from './subscriptions/subscription-queries.service';
import type {
  CreateSubscriptionBody,
  ListDeliveriesQuery,
  ListMessageDeliveriesQuery,
  ListSubscriptionsQuery,
  SecretRotationBody,
  UpdateSubscriptionBody,
} from './subscriptions/webhook-subscription.contract';

const BASE = 'process/v1';
const SUBSCRIPTIONS = `${BASE}/webhook-subscriptions`;

/** Every operation here is secured: the guard has already put a principal on the request. */
function required(principal: Principal | undefined): Principal {
  if (!principal)
    throw new ProblemException(ApiErrorCode.UNAUTHENTICATED, 'Authentication required');
  return principal;
}

function withETag<T extends { version: number }>(reply: FastifyReply, view: T): T {
  void reply.header('etag', entityTag(view.version));
  return view;
}

@Controller(BASE)
export class WebhookSubscriptionsController {
  constructor(
    private readonly queries: SubscriptionQueries,
    private readonly deliveries: WebhookDeliveryQueries,
    private readonly register: RegisterSubscriptionUseCase,
    private readonly change: ChangeSubscriptionUseCase,
    private readonly removal: RemoveSubscriptionUseCase,
    private readonly rotation: RotateSigningSecretUseCase,
    private readonly ping: PingSubscriptionUseCase,
  ) {}

  @Get('webhook-event-types')
  @Operation('listWebhookEventTypes')
  eventTypes() {
    return this.queries.eventTypes();
  }

  @Get('webhook-subscriptions')
  @Operation('listWebhookSubscriptions')
  list(
    @CurrentPrincipal() principal: Principal | undefined,
    @Query() query: ListSubscriptionsQuery,
  ) {
    return this.queries.list(required(principal), query);
  }

  @Post('webhook-subscriptions')
  @Operation('createWebhookSubscription')
  async create(
    @CurrentPrincipal() principal: Principal | undefined,
    @Body() body: CreateSubscriptionBody,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const created = await this.register.execute(required(principal), body);
    void reply.header('location', `/${SUBSCRIPTIONS}/${created.id}`);
    return withETag(reply, created);
  }

  @Get('webhook-subscriptions/:subscriptionId')
  @Operation('getWebhookSubscription')
  async get(
    @CurrentPrincipal() principal: Principal | undefined,
    @Param('subscriptionId') id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return withETag(reply, await this.queries.get(required(principal), id));
  }

  @Patch('webhook-subscriptions/:subscriptionId')
  @Operation('updateWebhookSubscription')
  async update(
    @CurrentPrincipal() principal: Principal | undefined,
    @Param('subscriptionId') id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: UpdateSubscriptionBody,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return withETag(reply, await this.change.execute(required(principal), id, ifMatch, body));
  }

  @Delete('webhook-subscriptions/:subscriptionId')
  @HttpCode(204)
  @Operation('deleteWebhookSubscription')
  async remove(
    @CurrentPrincipal() principal: Principal | undefined,
    @Param('subscriptionId') id: string,
    @Headers('if-match') ifMatch: string | undefined,
  ) {
    await this.removal.execute(required(principal), id, ifMatch);
  }

  @Post('webhook-subscriptions/:subscriptionId/secret-rotation')
  @HttpCode(200)
  @Operation('rotateWebhookSecret')
  async rotate(
    @CurrentPrincipal() principal: Principal | undefined,
    @Param('subscriptionId') id: string,
    @Body() body: SecretRotationBody | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return withETag(reply, await this.rotation.execute(required(principal), id, body));
  }

  @Post('webhook-subscriptions/:subscriptionId/pings')
  @HttpCode(202)
  @Operation('pingWebhookSubscription')
  async sendPing(
    @CurrentPrincipal() principal: Principal | undefined,
    @Param('subscriptionId') id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const delivery = await this.ping.execute(required(principal), id);
    void reply.header(
      'location',
      `/${SUBSCRIPTIONS}/${id}/deliveries?messageId=${delivery.messageId}`,
    );
    return delivery;
  }

  @Get('webhook-subscriptions/:subscriptionId/deliveries')
  @Operation('listWebhookSubscriptionDeliveries')
  subscriptionDeliveries(
    @CurrentPrincipal() principal: Principal | undefined,
    @Param('subscriptionId') id: string,
    @Query() query: ListDeliveriesQuery,
  ) {
    return this.deliveries.ofSubscription(required(principal), id, query);
  }

  @Get('webhook-deliveries')
  @Operation('listWebhookMessageDeliveries')
  messageDeliveries(
    @CurrentPrincipal() principal: Principal | undefined,
    @Query() query: ListMessageDeliveriesQuery,
  ) {
    return this.deliveries.ofMessage(required(principal), query);
  }
}
