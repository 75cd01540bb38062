/**
 * Payload schemas for every invoke channel of preload/contract.ts. The Electron IPC handlers and
 * the browser bridge parse with these before anything else runs. They check shape and size only: the meaning of a setting
 * (a valid URL, an interval in range) is judged by AppService, which answers with a field
 * message the window can show.
 */
import { z } from 'zod';
import type { InvokeChannel, RequestOf } from '../../preload/contract';
import { NOTIFICATION_REQUEST_SCHEMAS } from './notification-requests';
import { UPLOAD_REQUEST_SCHEMAS, backupchecksSettingsInputSchema } from './upload-requests';

const id = z.number().int().safe();
const text = (max: number) => z.string().max(max);
const hours = z.number().finite();

export const customerRequestSchema = z.strictObject({ customerId: id });

export const runsRequestSchema = z.strictObject({
  deviceId: id,
  dataSource: text(64).optional(),
  limit: z.number().int().min(1).max(10_000).optional(),
});

export const searchRequestSchema = z.strictObject({ query: text(256) });

export const settingsInputSchema = z.strictObject({
  coveUrl: text(2048),
  partner: text(512),
  username: text(512),
  coveToken: text(4096).optional(),
  pollIntervalMinutes: z.number().finite(),
  staleThresholdHours: z.strictObject({ server: hours, workstation: hours, m365: hours, unknown: hours }),
  displayName: text(512),
  // Confirm and upload (issue 5)
  backupchecks: backupchecksSettingsInputSchema.optional(),
  backupchecksKey: text(4096).optional(),
});

export const openExternalRequestSchema = z.strictObject({ url: text(4096) });

/** Channels without a request take nothing: `invoke(channel)` sends `undefined`. */
const none = z.undefined();

export const IPC_REQUEST_SCHEMAS = {
  'app:get-state': none,
  'app:poll-now': none,
  'app:get-customer': customerRequestSchema,
  'app:get-runs': runsRequestSchema,
  'app:search': searchRequestSchema,
  'app:get-settings': none,
  'app:save-settings': settingsInputSchema,
  'app:use-demo': none,
  'app:open-external': openExternalRequestSchema,
  // Notifications (issue 4): schemas in main/app/notification-requests.ts, shared with the browser bridge.
  ...NOTIFICATION_REQUEST_SCHEMAS,
  // Confirm and upload (issue 5): schemas in main/app/upload-requests.ts, shared with the browser bridge.
  ...UPLOAD_REQUEST_SCHEMAS,
} as const;

// Compile-time proof that the schemas follow the contract both ways: a channel added to or
// changed in preload/contract.ts fails here until its schema is updated.
type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type RequestFor<C extends InvokeChannel> = RequestOf<C> extends void ? undefined : RequestOf<C>;
type SchemaMatches = {
  [C in InvokeChannel]: Equals<z.output<(typeof IPC_REQUEST_SCHEMAS)[C]>, RequestFor<C>>;
};
type SchemaKeysMatch = Equals<keyof typeof IPC_REQUEST_SCHEMAS, InvokeChannel>;
const schemasMatchContract: SchemaMatches[InvokeChannel] extends true ? (SchemaKeysMatch extends true ? true : never) : never = true;
void schemasMatchContract;

export type ParsedRequest<C extends InvokeChannel> = z.output<(typeof IPC_REQUEST_SCHEMAS)[C]>;

export type ParseResult<C extends InvokeChannel> = { ok: true; value: ParsedRequest<C> } | { ok: false; message: string };

export function parseRequest<C extends InvokeChannel>(channel: C, payload: unknown): ParseResult<C> {
  const schema = IPC_REQUEST_SCHEMAS[channel] as unknown as z.ZodType<ParsedRequest<C>> | undefined;
  if (!schema) return { ok: false, message: `Unknown channel ${String(channel)}` };
  const parsed = schema.safeParse(payload);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issue = parsed.error.issues[0];
  return { ok: false, message: `Invalid request for ${channel}: ${issue.path.join('.') || '(payload)'}: ${issue.message}` };
}
