import { useMutes } from '../hooks/useMutes';
import { SnoozeControl } from './SnoozeControl';

/** A customer's page: snooze every notification about this customer's devices. */
export function CustomerSnooze({ customerId, now, muteVersion }: { customerId: number; now: number; muteVersion: string }) {
  const mutes = useMutes(muteVersion);
  return (
    <div className="notify-customer">
      <SnoozeControl scope={{ kind: 'customer', customerId }} label="this customer" snoozes={mutes.snoozes} now={now} onChanged={mutes.reload} />
    </div>
  );
}
