export { FakeXApi, type FakeTweet, type FakeUser, type PostedTweet, type SentDm, type Failure, type Endpoint } from './server';
export { crcCheck, deliver, directMessageBody, signature, tweetCreateBody, v11Tweet } from './activity';
export { makeSelfSignedCertificate } from './certificate';
