import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import { DriveError } from '../../src/ports/group-drive.js';
import { GraphGroupDrive } from '../../src/storage/graph-drive.js';

/**
 * The Graph adapter of the group drive against HTTP-level fakes of Graph's documented answers
 * (outbound network stays off): a channel's files folder, a simple upload that never replaces a
 * file, an upload session for a large file, and every failure as the scheduler needs it.
 */
const GRAPH = 'https://graph.microsoft.com';
const TEAM = '02bd9fd6-8f93-4758-87c3-1fb73740a315';
const CHANNEL = '19:4b7f2e0c9d8a4e6fb1c2d3e4f5a6b7c8@thread.tacv2';
const target = { bodyId: 'ag-planung', channel: { tenantId: 't', channelId: CHANNEL, teamGroupId: TEAM } };
const folder = ['AG Planung', '2027'];
const NAME = '2027-01-14 10.00 Ergebnisprotokoll (Fassung 1).docx';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const drive = (options = {}) => new GraphGroupDrive(async () => 'graph-token', options);

function filesFolder(): nock.Scope {
  return nock(GRAPH)
    .get(`/v1.0/teams/${TEAM}/channels/${encodeURIComponent(CHANNEL)}/filesFolder`)
    .matchHeader('authorization', 'Bearer graph-token')
    .reply(200, { id: 'FOLDER1', name: 'AG Planung', parentReference: { driveId: 'b!DRIVE1' } });
}

const itemPath = (name = NAME) =>
  `/v1.0/drives/b!DRIVE1/items/FOLDER1:/AG%20Planung/2027/${encodeURIComponent(name)}:`;

afterEach(() => {
  nock.cleanAll();
});

describe('the group drive through Microsoft Graph', () => {
  it('files into the channel’s files folder, under body and year, without replacing anything', async () => {
    filesFolder();
    let body = '';
    nock(GRAPH)
      .put(`${itemPath()}/content`, (b: unknown) => {
        body = String(b);
        return true;
      })
      .query({ '@microsoft.graph.conflictBehavior': 'fail' })
      .matchHeader('authorization', 'Bearer graph-token')
      .matchHeader('content-type', DOCX)
      .reply(201, { id: 'ITEM1', webUrl: 'https://contoso.sharepoint.com/sites/ag/x.docx' });
    const filed = await drive().file(target, folder, NAME, Buffer.from('word file'), DOCX);
    expect(filed).toEqual({
      path: `AG Planung/2027/${NAME}`,
      webUrl: 'https://contoso.sharepoint.com/sites/ag/x.docx',
    });
    expect(body).toBe('word file');
  });

  it.each([
    [401, 'permission'],
    [403, 'permission'],
    [429, 'retry'],
    [500, 'retry'],
    [503, 'retry'],
    [400, 'failed'],
  ] as const)('Graph answers %i: a %s failure the scheduler acts on', async (status, kind) => {
    filesFolder();
    nock(GRAPH)
      .put(`${itemPath()}/content`)
      .query(true)
      .reply(status, { error: { code: 'x', message: 'no' } }, status === 429 ? { 'Retry-After': '7' } : {});
    const error = await drive()
      .file(target, folder, NAME, Buffer.from('x'), DOCX)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DriveError);
    expect(error).toMatchObject({ kind, status });
    if (status === 429) expect((error as DriveError).retryAfterMs).toBe(7000);
    expect(String((error as Error).message)).not.toContain('graph-token');
  });

  it('an upload whose answer was lost is retried and finds its file: filed once, not twice', async () => {
    filesFolder();
    // The upload arrives; its answer does not (a gateway timeout on the way back).
    nock(GRAPH)
      .put(`${itemPath()}/content`)
      .query(true)
      .reply(504, { error: { code: 'gatewayTimeout', message: 'timeout' } });
    const lost = await drive()
      .file(target, folder, NAME, Buffer.from('x'), DOCX)
      .catch((e: unknown) => e);
    expect(lost).toMatchObject({ kind: 'retry' });
    // The scheduler tries again: the name exists (the first upload did arrive).
    filesFolder();
    nock(GRAPH)
      .put(`${itemPath()}/content`)
      .query(true)
      .reply(409, { error: { code: 'nameAlreadyExists', message: 'exists' } });
    nock(GRAPH).get(itemPath()).reply(200, { id: 'ITEM1', webUrl: 'https://contoso.sharepoint.com/x.docx' });
    expect(await drive().file(target, folder, NAME, Buffer.from('x'), DOCX)).toEqual({
      path: `AG Planung/2027/${NAME}`,
      webUrl: 'https://contoso.sharepoint.com/x.docx',
    });
  });

  it('names with characters SharePoint refuses are made safe before they reach Graph', async () => {
    filesFolder();
    let requested = '';
    nock(GRAPH)
      .put((uri) => {
        requested = decodeURIComponent(uri.split('?')[0] ?? '');
        return uri.includes('/content');
      })
      .query(true)
      .reply(201, { id: 'ITEM2' });
    await drive().file(target, folder, ' ..Protokoll "TOP 1": <Kita>? a/b\\c|d*.. ', Buffer.from('x'), DOCX);
    const name = requested.split(':/')[1]?.split(':/content')[0]?.split('/').at(-1) ?? '';
    expect(name).toBe('Protokoll _TOP 1__ _Kita__ a_b_c_d_');
    expect(requested).not.toMatch(/\/\.\.|["*<>?\\|]/);
  });

  it('a large file goes through an upload session, in ranges', async () => {
    const content = Buffer.alloc(700 * 1024, 7);
    filesFolder();
    nock(GRAPH)
      .post(`${itemPath('big.docx')}/createUploadSession`, {
        item: { '@microsoft.graph.conflictBehavior': 'fail' },
      })
      .reply(200, { uploadUrl: 'https://contoso.sharepoint.com/_api/v2.0/upload/session-1' });
    const ranges = [
      `bytes 0-327679/${content.length}`,
      `bytes 327680-655359/${content.length}`,
      `bytes 655360-${content.length - 1}/${content.length}`,
    ];
    const upload = nock('https://contoso.sharepoint.com');
    for (const [n, range] of ranges.entries())
      upload
        .put('/_api/v2.0/upload/session-1')
        .matchHeader('content-range', range)
        .reply(
          n === ranges.length - 1 ? 201 : 202,
          n === ranges.length - 1 ? { id: 'BIG', webUrl: 'https://contoso.sharepoint.com/big.docx' } : {},
        );
    const filed = await drive({ simpleLimitBytes: 100 * 1024, chunkBytes: 320 * 1024 }).file(
      target,
      folder,
      'big.docx',
      content,
      DOCX,
    );
    expect(upload.isDone()).toBe(true);
    expect(filed.webUrl).toBe('https://contoso.sharepoint.com/big.docx');
  });

  it('a body without a linked channel (or whose team is unknown) cannot be filed there', async () => {
    await expect(drive().file({ bodyId: 'x' }, folder, NAME, Buffer.from('x'), DOCX)).rejects.toMatchObject({
      kind: 'failed',
    });
  });
});
