import { loadConfig } from '../../config/env';
import { parseSmsConfig, SmsConfigError } from './config';
import { smsChannel } from '.';

describe('SMS configuration', () => {
  it('is off without SMPP_URL and on with it, with working defaults', () => {
    expect(smsChannel.enabled(loadConfig({}))).toBe(false);
    const config = loadConfig({ SMPP_URL: 'smpp://lapor:s3cret@smsc.example.net:2775' });
    expect(smsChannel.enabled(config)).toBe(true);
    expect(parseSmsConfig(config)).toMatchObject({
      endpoint: { host: 'smsc.example.net', port: 2775, systemId: 'lapor', password: 's3cret' },
      shortCode: '1708',
      bindType: 'transceiver',
      window: 10,
      multipartMaxOpenPerSender: 10,
      multipartKeyTtlMs: 86_400_000,
      keyPrefix: '{lapor}:sms:',
    });
  });

  it.each([
    ['SMPP_URL', 'http://lapor:x@host:2775'],
    ['SMPP_URL', 'smpp://host:2775'],
    ['SMPP_BIND_TYPE', 'receiver'],
    ['SMPP_WINDOW', '0'],
    ['SMS_SHORT_CODE', '17O8'],
    ['SMS_MULTIPART_MAX_OPEN_PER_SENDER', '0'],
    ['SMS_MULTIPART_MAX_OPEN_PER_SENDER', '2.5'],
    // Under twice the default 600 s timeout: sets could expire before the sweeper takes them in.
    ['SMS_MULTIPART_KEY_TTL_SECONDS', '1000'],
  ])('names %s when its value %p is bad, without echoing the password', (name, value) => {
    const config = loadConfig({ SMPP_URL: 'smpp://lapor:s3cret@smsc:2775', [name]: value });
    expect(() => smsChannel.enabled(config)).toThrow(SmsConfigError);
    expect(() => parseSmsConfig(config)).toThrow(name);
    try {
      parseSmsConfig(config);
    } catch (error) {
      expect(String(error)).not.toContain('s3cret');
    }
  });
});
