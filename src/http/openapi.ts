import { z } from 'zod';
import type { ChannelRegistry } from '../channels/registry';
import { InboxPage } from './inboxApi';
import { ErrorResponse, TicketDetail, TicketPage, TicketQuery } from './ticketSchemas';

/** Request bodies are described as accepted ('input': defaults optional), responses as sent ('output'). */
export function jsonSchema(schema: z.ZodType, io: 'input' | 'output' = 'output'): Record<string, unknown> {
  return z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as Record<string, unknown>;
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

export const jsonResponse = (description: string, schemaName: string) => ({
  description,
  content: { 'application/json': { schema: ref(schemaName) } },
});

export const errorResponse = (description: string) => jsonResponse(description, 'Error');

function queryParameters(): unknown[] {
  const shape = TicketQuery.shape;
  return Object.entries(shape).map(([name, schema]) => ({ name, in: 'query', required: false, schema: jsonSchema(schema, 'input') }));
}

/** OpenAPI 3.1 for /api/v1: the integration API here, channel APIs contributed by their channels. */
export function buildOpenApi(channels: ChannelRegistry): Record<string, unknown> {
  const paths: Record<string, unknown> = {
    '/api/v1/tickets': {
      get: {
        summary: 'List tickets (agency systems)',
        description: "Only the tickets the token's scope reaches: those forwarded to its agencies, or every ticket for scope *.",
        security: [{ apiToken: [] }],
        parameters: queryParameters(),
        responses: {
          200: jsonResponse('A page of tickets, newest first', 'TicketPage'),
          401: errorResponse('Missing or unknown token'),
          422: errorResponse('Invalid query parameters'),
        },
      },
    },
    '/api/v1/tickets/{trackingId}': {
      get: {
        summary: 'One ticket with its history and replies (agency systems)',
        description: "A ticket outside the token's scope answers exactly like a number no ticket has.",
        security: [{ apiToken: [] }],
        parameters: [{ name: 'trackingId', in: 'path', required: true, schema: { type: 'string' } }],
        responses: {
          200: jsonResponse('The ticket', 'TicketDetail'),
          401: errorResponse('Missing or unknown token'),
          404: errorResponse("No such ticket, or one outside the token's scope (the same answer)"),
        },
      },
    },
    '/api/v1/inbox': {
      get: {
        summary: 'Messages by processing state (default: failed, i.e. parked after every attempt); needs scope *',
        security: [{ apiToken: [] }],
        parameters: [
          { name: 'state', in: 'query', required: false, schema: { enum: ['received', 'processed', 'failed'] } },
          { name: 'limit', in: 'query', required: false, schema: { type: 'integer', minimum: 1, maximum: 500 } },
        ],
        responses: {
          200: jsonResponse('Messages (no sender, no text) and counts per state', 'InboxPage'),
          401: errorResponse('Missing or unknown token'),
          403: errorResponse('The token is not scoped *'),
        },
      },
    },
    '/api/v1/inbox/{key}/retry': {
      post: {
        summary: 'Process a parked message again; needs scope *',
        security: [{ apiToken: [] }],
        parameters: [{ name: 'key', in: 'path', required: true, schema: { type: 'string' } }],
        responses: {
          202: { description: 'Queued again' },
          401: errorResponse('Missing or unknown token'),
          403: errorResponse('The token is not scoped *'),
          404: errorResponse('No such message'),
          409: errorResponse('The message is not failed'),
        },
      },
    },
  };
  const schemas: Record<string, unknown> = {
    Error: jsonSchema(ErrorResponse),
    InboxPage: jsonSchema(InboxPage),
    TicketDetail: jsonSchema(TicketDetail),
    TicketPage: jsonSchema(TicketPage),
  };
  for (const channel of channels.all()) {
    const contribution = channel.openapi?.();
    if (!contribution) continue;
    Object.assign(paths, contribution.paths);
    Object.assign(schemas, contribution.schemas);
  }
  return {
    openapi: '3.1.0',
    info: { title: 'LAPOR! intake gateway API', version: '1.0.0' },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    paths,
    components: {
      schemas,
      securitySchemes: {
        apiToken: {
          type: 'http',
          scheme: 'bearer',
          description:
            "A token from API_TOKENS (name:token:scope). Scope agency ids: the tickets forwarded to those agencies, as their liaisons see them in the console. Scope *: every ticket (the national office). No token ever receives the reporter of an anonim or rahasia report.",
        },
        reportToken: { type: 'http', scheme: 'bearer', description: 'The accessToken returned when the report was made' },
      },
    },
  };
}
