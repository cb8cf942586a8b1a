import { JSON_MAX_DEPTH, REPORT_BODY_LIMIT } from '../../src/http/bodyParsers';
import type { OpenApiContribution } from '../../src/channels/channel';
import { errorResponse, jsonResponse, jsonSchema } from '../../src/http/openapi';
import { ReportCreated, ReportRequest, ReportStatus } from './schema';

export function mobileOpenApi(): OpenApiContribution {
  return {
    paths: {
      '/api/v1/reports': {
        post: {
          summary: 'File a report from the mobile app',
          parameters: [
            {
              name: 'Idempotency-Key',
              in: 'header',
              required: true,
              description: 'One per report; a retry with the same key and body returns the same report, another body is 409',
              schema: { type: 'string', minLength: 8, maxLength: 255 },
            },
          ],
          requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/ReportRequest' } } } },
          responses: {
            201: jsonResponse('Stored and queued; keep the accessToken to follow the report', 'ReportCreated'),
            400: errorResponse(`Malformed JSON, JSON nested deeper than ${JSON_MAX_DEPTH} levels, or a bad Idempotency-Key`),
            409: errorResponse('The Idempotency-Key was used for a different report'),
            413: errorResponse(`Body over ${REPORT_BODY_LIMIT}`),
            415: errorResponse('Not JSON'),
            422: errorResponse('The body does not match the schema; fields names each problem'),
            428: errorResponse('Idempotency-Key header missing'),
            429: errorResponse('Too many requests'),
            503: errorResponse('Cannot store reports right now; nothing was stored, retry'),
          },
        },
      },
      '/api/v1/reports/{trackingId}': {
        get: {
          summary: "Follow one's own report",
          security: [{ reportToken: [] }],
          parameters: [{ name: 'trackingId', in: 'path', required: true, schema: { type: 'string' } }],
          responses: {
            200: jsonResponse('Status, history and replies', 'ReportStatus'),
            401: errorResponse('Missing or wrong access token'),
            404: errorResponse('No such report'),
          },
        },
      },
    },
    schemas: {
      ReportRequest: jsonSchema(ReportRequest, 'input'),
      ReportCreated: jsonSchema(ReportCreated),
      ReportStatus: jsonSchema(ReportStatus),
    },
  };
}
