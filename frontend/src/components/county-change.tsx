// The notice of how the county's figures moved after the clerk's last write (api/county-change.ts).
import { message } from '#core/messages/index.js';
import { useLang } from '#web/lib/i18n.js';
import { formatInstant } from '#web/lib/time.js';
import { dismissChange, useCountyChange } from '#web/api/county-change.js';

export function CountyChangeNotice({ county }: { county: string }) {
  const { fmt, pct, num } = useLang();
  const change = useCountyChange(county);
  if (!change) return null;
  const { before, after } = change;
  // Points to one decimal, as the figures are shown; a move too small to show is "unchanged".
  const points = Math.round((after.coverage - before.coverage) * 1000) / 10;
  const delta =
    points === 0
      ? message('county.change.same')
      : message('county.change.points', { points: `${points > 0 ? '+' : '−'}${num(Math.abs(points), 1)}` });
  return (
    <p className={points < 0 ? 'notice' : 'ok'} role="status" data-testid="county-change">
      {fmt(
        message('county.change', {
          at: formatInstant(change.at),
          county: change.name,
          before: pct(before.coverage),
          after: pct(after.coverage),
          delta,
          meetingBefore: num(before.teamsMeetingStandard),
          meetingAfter: num(after.teamsMeetingStandard),
          registeredBefore: num(before.teamsRegistered),
          registeredAfter: num(after.teamsRegistered),
        }),
      )}{' '}
      <button type="button" className="link" onClick={() => dismissChange(county)} data-testid="county-change-close">
        {fmt(message('county.change.close'))}
      </button>
    </p>
  );
}
