// A county's townships with their figures, drawn the same way wherever they are listed: the county page (a
// township's name filters its communities), a county programme's rankings (ranked, with the gap and the
// status), and the national office's drill-down. A township with no community in scope shows no coverage.
import type { ReactNode } from 'react';
import type { CountyAnswer } from '#contract/figures.js';
import { useLang } from '#web/lib/i18n.js';
import { Bar, StatusChip } from './ui.js';

type Township = CountyAnswer['townships'][number];

export function TownshipTable({
  townships,
  testid,
  ranked = false,
  name = (tw) => tw.name,
}: {
  townships: readonly Township[];
  testid: string;
  /** Numbered, with the gap to the target and the status: a ranking. */
  ranked?: boolean;
  name?: (tw: Township) => ReactNode;
}) {
  const { t, pct, num } = useLang();
  return (
    <table className={ranked ? 'data rankings' : 'data'} data-testid={testid}>
      <thead>
        <tr>
          {ranked && <th scope="col">#</th>}
          <th scope="col">{t('township')}</th>
          <th scope="col" className="num">
            {t('communities')}
          </th>
          <th scope="col" className="num">
            {t('registered')}
          </th>
          <th scope="col" className="num">
            {t('meeting')}
          </th>
          <th scope="col" className="num">
            {t('coverage')}
          </th>
          {ranked && (
            <>
              <th scope="col" className="num">
                {t('gapToMilestone')}
              </th>
              <th scope="col">{t('status')}</th>
            </>
          )}
        </tr>
      </thead>
      <tbody>
        {townships.map((tw, i) => (
          <tr key={tw.code} data-code={tw.code}>
            {ranked && <td>{i + 1}</td>}
            <th scope="row">{name(tw)}</th>
            <td className="num">{num(tw.communities)}</td>
            <td className="num">{num(tw.teamsRegistered)}</td>
            <td className="num">{num(tw.teamsMeetingStandard)}</td>
            {tw.communities ? (
              <>
                <td className="num">
                  <Bar value={tw.coverage} label={pct(tw.coverage)} />
                </td>
                {ranked && (
                  <>
                    <td className="num">{num(tw.milestone.gap)}</td>
                    <td>
                      <StatusChip status={tw.milestone.status} />
                    </td>
                  </>
                )}
              </>
            ) : (
              <td colSpan={ranked ? 3 : 1} className="muted">
                {t('townshipNoneInScope')}
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
