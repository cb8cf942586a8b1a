/** The local Graph API and webhook sender, for tests and the demo (see ../README.md). */
export { FakeGraphApi, type FakeComment, type FakeSent, type FailureMode } from './fakeGraphApi';
export { batch, fixture, postWebhook, WebhookFactory, type WebhookBody } from './webhooks';
