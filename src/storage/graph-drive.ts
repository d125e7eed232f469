import {
  AuthenticationHandler,
  type AuthenticationProvider,
  Client,
  GraphError,
  HTTPMessageHandler,
} from '@microsoft/microsoft-graph-client';
import { driveSegment } from '../domain/filing.js';
import { DriveError, type DriveTarget, type FiledFile, type GroupDrive } from '../ports/group-drive.js';

/**
 * The group drive in Teams: the Files tab of the body's linked channel (a folder in the team's
 * SharePoint library), through Microsoft Graph with the bot's own identity (managed identity or
 * app credentials; the token provider is given). The least privilege that reaches a channel's
 * files folder is the application permission `Files.ReadWrite.All` (or `Sites.Selected` with
 * write access granted on the team's site; docs/security.md).
 *
 * Retries are the scheduler's (exactly once, with backoff): the client is built without Graph's
 * own retry handler, and a failure is answered as a `DriveError` — `retry` (429, 5xx, with
 * Retry-After where Graph gave one), `permission` (401, 403), `failed` (anything else). An upload
 * never replaces a file (`conflictBehavior=fail`): a name filed before — an earlier attempt whose
 * answer was lost — is found and answered as filed.
 */
export class GraphGroupDrive implements GroupDrive {
  readonly kind = 'graph' as const;
  private readonly client: Client;

  constructor(
    getToken: () => Promise<string>,
    private readonly options: {
      /** Above this size an upload session is used (Graph's simple upload takes up to 250 MB; 4 MB keeps one request small). */
      readonly simpleLimitBytes?: number;
      /** Bytes per upload-session request: a multiple of 320 KiB. */
      readonly chunkBytes?: number;
      readonly baseUrl?: string;
    } = {},
  ) {
    const auth: AuthenticationProvider = { getAccessToken: getToken };
    const handler = new AuthenticationHandler(auth);
    handler.setNext(new HTTPMessageHandler());
    this.client = Client.initWithMiddleware({
      middleware: handler,
      ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
      defaultVersion: 'v1.0',
    });
  }

  async file(
    target: DriveTarget,
    folder: readonly string[],
    name: string,
    content: Buffer,
    contentType: string,
  ): Promise<FiledFile> {
    const channel = target.channel;
    if (!channel?.teamGroupId)
      throw new DriveError('failed', 'the body has no linked channel whose team is known');
    const segments = [...folder.map(driveSegment), driveSegment(name)];
    const shown = segments.join('/');
    const itemPath = segments.map(encodeURIComponent).join('/');
    return this.graph(async () => {
      const files = (await this.client
        .api(
          `/teams/${encodeURIComponent(channel.teamGroupId ?? '')}/channels/${encodeURIComponent(channel.channelId)}/filesFolder`,
        )
        .get()) as { id?: string; parentReference?: { driveId?: string } };
      const driveId = files.parentReference?.driveId;
      if (!files.id || !driveId) throw new DriveError('failed', 'the channel has no files folder');
      const at = `/drives/${encodeURIComponent(driveId)}/items/${encodeURIComponent(files.id)}:/${itemPath}:`;
      try {
        const item =
          content.length <= (this.options.simpleLimitBytes ?? 4 * 1024 * 1024)
            ? ((await this.client
                .api(`${at}/content`)
                .query({ '@microsoft.graph.conflictBehavior': 'fail' })
                .header('Content-Type', contentType)
                .put(content)) as { webUrl?: string })
            : await this.uploadSession(at, content);
        return { path: shown, ...(item.webUrl ? { webUrl: item.webUrl } : {}) };
      } catch (e) {
        // Filed before (an attempt whose answer was lost): the name stays as it is.
        if (e instanceof GraphError && e.statusCode === 409) {
          const existing = (await this.client.api(at).get()) as { webUrl?: string };
          return { path: shown, ...(existing.webUrl ? { webUrl: existing.webUrl } : {}) };
        }
        throw e;
      }
    });
  }

  /** A large file: an upload session, then the bytes in ranges (the upload URL carries its own authorisation). */
  private async uploadSession(at: string, content: Buffer): Promise<{ webUrl?: string }> {
    const session = (await this.client
      .api(`${at}/createUploadSession`)
      .post({ item: { '@microsoft.graph.conflictBehavior': 'fail' } })) as { uploadUrl?: string };
    if (!session.uploadUrl) throw new DriveError('failed', 'no upload session');
    const chunk = this.options.chunkBytes ?? 10 * 320 * 1024;
    let last: Response | undefined;
    for (let start = 0; start < content.length; start += chunk) {
      const end = Math.min(start + chunk, content.length);
      last = await fetch(session.uploadUrl, {
        method: 'PUT',
        headers: { 'Content-Range': `bytes ${start}-${end - 1}/${content.length}` },
        body: content.subarray(start, end),
      });
      if (last.status === 409) throw new GraphError(409, 'nameAlreadyExists');
      if (!last.ok && last.status !== 202) throw failureOf(last.status, last.headers.get('Retry-After'));
    }
    return last ? ((await last.json().catch(() => ({}))) as { webUrl?: string }) : {};
  }

  /** One filing, with every failure turned into a `DriveError` that carries no secret. */
  private async graph<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (e) {
      if (e instanceof DriveError) throw e;
      if (e instanceof GraphError)
        throw failureOf(e.statusCode, e.headers?.get('Retry-After') ?? null, e.code);
      throw new DriveError('retry', `Graph unreachable (${e instanceof Error ? e.name : 'error'})`);
    }
  }
}

function failureOf(status: number, retryAfter: string | null, code?: string | null): DriveError {
  const seconds = retryAfter !== null && /^\d+$/.test(retryAfter) ? Number(retryAfter) : undefined;
  const what = `Graph ${status}${code ? ` ${code}` : ''}`;
  if (status === 401 || status === 403)
    return new DriveError(
      'permission',
      `${what}: the app needs write access to the channel's files`,
      undefined,
      status,
    );
  if (status === 429 || status >= 500)
    return new DriveError('retry', what, seconds !== undefined ? seconds * 1000 : undefined, status);
  return new DriveError('failed', what, undefined, status);
}
