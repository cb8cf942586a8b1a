import { fixture } from './fakeGraphApi/webhooks';
import { externalIdOf, readWebhookBody, WebhookBody } from './webhookPayload';

const ACCOUNT = '17841400000000001';
const read = (name: string) => readWebhookBody(WebhookBody.parse(fixture(name)), ACCOUNT);

describe('readWebhookBody on Meta documented payloads', () => {
  it('reads a comment from entry[].changes[]', () => {
    const { updates, skipped } = read('comment-changes');
    expect(skipped).toEqual([]);
    expect(updates).toEqual([
      {
        kind: 'comment',
        commentId: '17865799348089039',
        text: '@lapor1708 Jalan di depan SDN 3 Cicendo berlubang besar sejak dua minggu, sudah dua motor jatuh.',
        from: { id: '2323232323232323', username: 'warga_cicendo' },
        mediaId: '18000000000000001',
        parentId: null,
        at: new Date(1763866800 * 1000),
      },
    ]);
  });

  it('reads the flat comment of Business Login for Instagram the same way', () => {
    const [update] = read('comment-flat-instagram-login').updates;
    expect(update).toMatchObject({ kind: 'comment', commentId: '17865799348089040', from: { id: '2323232323232324', username: 'ibu_rina_bdg' } });
  });

  it('reads a mention as ids only, to be fetched', () => {
    expect(read('mention-comment-ids-only').updates).toEqual([
      { kind: 'mention', commentId: '17895695668004550', mediaId: '17918195224117851', at: new Date(1763866800 * 1000) },
    ]);
  });

  it('reads a DM with its sender, mid, millisecond timestamp and attachment', () => {
    const [text] = read('dm-text').updates;
    expect(text).toMatchObject({ kind: 'dm', senderId: '1234567890123456', at: new Date(1763866799000), attachments: [] });
    const [photo] = read('dm-image-attachment').updates;
    expect(photo).toMatchObject({
      kind: 'dm',
      attachments: [{ url: 'https://lookaside.fbsbx.com/ig_messaging_cdn/?asset_id=17900000000000001&signature=AbCdEf123', contentType: 'image/*' }],
    });
  });

  it.each([
    ['comment-own-reply', [{ reason: 'own_comment', field: 'comments' }]],
    ['dm-echo', [{ reason: 'echo', field: 'messaging' }]],
    ['dm-deleted', [{ reason: 'deleted', field: 'messaging' }]],
    ['dm-read-and-reaction', [{ reason: 'not_a_message', field: 'messaging' }, { reason: 'not_a_message', field: 'messaging' }]],
  ])('skips %s with its reason', (name, reasons) => {
    const { updates, skipped } = read(name);
    expect(updates).toEqual([]);
    expect(skipped).toEqual(reasons);
  });

  it('names updates it cannot read instead of dropping them unseen', () => {
    const body = WebhookBody.parse({
      object: 'instagram',
      entry: [{ id: ACCOUNT, time: 1, changes: [{ field: 'comments', value: { text: 'no id' } }, { field: 'story_insights', value: {} }] }],
    });
    expect(readWebhookBody(body, ACCOUNT).skipped).toEqual([
      { reason: 'unreadable', field: 'comments' },
      { reason: 'unsupported_field', field: 'story_insights' },
    ]);
  });

  it('refuses bodies for another object', () => {
    expect(WebhookBody.safeParse({ ...fixture('comment-changes'), object: 'page' }).success).toBe(false);
  });
});

describe('externalIdOf', () => {
  it('gives a comment the same id whether it came as a comment or as a mention', () => {
    const at = null;
    const asComment = externalIdOf({ kind: 'comment', commentId: '42', text: '', from: { id: '1' }, mediaId: null, parentId: null, at });
    expect(externalIdOf({ kind: 'mention', commentId: '42', mediaId: '7', at })).toBe(asComment);
    expect(externalIdOf({ kind: 'mention', commentId: null, mediaId: '7', at })).toBe('media:7');
    expect(externalIdOf({ kind: 'dm', mid: 'm1', senderId: '1', text: '', attachments: [], at })).toBe('dm:m1');
  });
});
