// Choropleth of the 111 counties: coverage against the milestone in force (or teams registered,
// gap, status), city borders over county borders, hover for figures, click or Enter to open.
import { geoMercator, geoPath } from 'd3-geo';
import { useMemo, useState } from 'react';
import { BUILD_OUT_STATUSES, MAINTENANCE_STATUSES, STATUS_WORDS } from '#core/milestones.js';
import { REPORT_WORDS } from '#core/reporting.js';
import { REPORT_COLOURS, REPORT_ORDER } from '#web/components/report-status.js';
import { ErrorView, Loading, STATUS_COLOURS } from '#web/components/ui.js';
import { STRINGS, useLang, type Lang } from '#web/lib/i18n.js';
import { useAreaParams } from '#web/api/programme.js';
import type { CountyRow } from '#web/api/counties.js';
import { useBoundaries } from '../api/boundaries';
import { type CountyResult, verifiedText, type Verified } from '#web/api/campaigns.js';
import { message } from '#core/messages/index.js';

export type Measure = 'coverage' | 'registered' | 'gap' | 'status' | 'reporting' | 'verified';
export const MEASURES: Measure[] = ['coverage', 'registered', 'gap', 'status', 'reporting', 'verified'];

const UNCHECKED = '#e0e0e0';

// ColorBrewer GnBu and Oranges (6 classes): sequential, colour-blind safe.
const GNBU = ['#f0f9e8', '#ccebc5', '#a8ddb5', '#7bccc4', '#43a2ca', '#0868ac'];
const ORANGES = ['#feedde', '#fdd0a2', '#fdae6b', '#fd8d3c', '#e6550d', '#a63603'];
const SHARE_BREAKS = [0.6, 0.8, 0.9, 0.95, 1];
const GAP_BREAKS = [1, 6, 16, 31, 61];

const bin = (value: number, breaks: number[]) => breaks.filter((b) => value >= b).length;

/**
 * The maintenance years: coverage against the programme's own target T, in the classes that say where
 * to look: more than 10 points under T, under T, from T to midway to full, past midway, full. Under T
 * is exactly the status 低于目标 (the county's gap > 0), so the map and the status agree.
 */
export function maintenanceClass(c: CountyRow): { index: number; params: { target: number; floor: number; mid: number } } {
  const target = c.milestone.target.target;
  const params = { target, floor: Math.max(0, target - 0.1), mid: (target + 1) / 2 };
  if (c.milestone.gap > 0) return { index: c.coverage + 1e-9 < params.floor ? 0 : 1, params };
  return { index: c.coverage + 1e-9 >= 1 ? 4 : c.coverage + 1e-9 >= params.mid ? 3 : 2, params };
}
const MAINTENANCE_COLOURS = [ORANGES[4], ORANGES[2], GNBU[2], GNBU[4], GNBU[5]];
const MAINTENANCE_CLASSES = ['map.class.farBelow', 'map.class.below', 'map.class.target', 'map.class.midway', 'map.class.full'] as const;

/** Each measure's value → class index, colours and legend labels. */
function scale(
  measure: Measure,
  pct: (x: number) => string,
  lang: Lang,
  mode: 'build-out' | 'maintenance',
  target: number | null,
  verified?: Verified,
) {
  if (measure === 'coverage' && mode === 'maintenance' && target !== null) {
    const p = { target: pct(target), floor: pct(Math.max(0, target - 0.1)), mid: pct((target + 1) / 2) };
    const labels = [`< ${p.floor}`, `${p.floor}–${p.target}`, `${p.target}–${p.mid}`, `${p.mid}–${pct(1)}`, pct(1)];
    return {
      colour: (c: CountyRow) => MAINTENANCE_COLOURS[maintenanceClass(c).index],
      legend: MAINTENANCE_COLOURS.map((colour, i) => ({ colour, label: labels[i] })),
    };
  }
  switch (measure) {
    case 'verified': {
      // Verified coverage itself (not against a target): the share of sampled communities found meeting the standard.
      const labels = [
        `< ${pct(0.6)}`,
        `${pct(0.6)}–${pct(0.8)}`,
        `${pct(0.8)}–${pct(0.9)}`,
        `${pct(0.9)}–${pct(0.95)}`,
        `${pct(0.95)}–${pct(1)}`,
        pct(1),
      ];
      const colour = (c: CountyRow) => {
        const v = verified?.byCode.get(c.code);
        return v?.checked ? GNBU[bin(v.estimate.estimate, SHARE_BREAKS)] : UNCHECKED;
      };
      return {
        colour,
        legend: [...GNBU.map((colour, i) => ({ colour, label: labels[i] })), { colour: UNCHECKED, label: STRINGS.notCheckedLegend[lang] }],
      };
    }
    case 'coverage':
    case 'registered': {
      const labels = [
        `< ${pct(0.6)}`,
        `${pct(0.6)}–${pct(0.8)}`,
        `${pct(0.8)}–${pct(0.9)}`,
        `${pct(0.9)}–${pct(0.95)}`,
        `${pct(0.95)}–${pct(1)}`,
        `≥ ${pct(1)}`,
      ];
      const value = (c: CountyRow) =>
        measure === 'coverage' ? c.coverage / Math.max(c.milestone.target.target, 1e-9) : c.teamsRegistered / Math.max(c.communities, 1);
      return {
        colour: (c: CountyRow) => GNBU[bin(value(c), SHARE_BREAKS)],
        legend: GNBU.map((colour, i) => ({ colour, label: labels[i] })),
      };
    }
    case 'gap': {
      const labels = ['0', '1–5', '6–15', '16–30', '31–60', '> 60'];
      return {
        colour: (c: CountyRow) => ORANGES[bin(c.milestone.gap, GAP_BREAKS)],
        legend: ORANGES.map((colour, i) => ({ colour, label: labels[i] })),
      };
    }
    case 'status':
      return {
        colour: (c: CountyRow) => STATUS_COLOURS[c.milestone.status],
        // The statuses of the period shown: reaching milestones, or keeping the year-end target.
        legend: (mode === 'maintenance' ? MAINTENANCE_STATUSES : BUILD_OUT_STATUSES).map((s) => ({
          colour: STATUS_COLOURS[s],
          label: STATUS_WORDS[s][lang],
        })),
      };
    case 'reporting':
      return {
        colour: (c: CountyRow) => REPORT_COLOURS[c.report],
        legend: REPORT_ORDER.map((s) => ({ colour: REPORT_COLOURS[s], label: REPORT_WORDS[s][lang] })),
      };
  }
}

const W = 760;
const H = 600;

export function CoverageMap({
  counties,
  measure,
  onOpen,
  verified,
}: {
  counties: CountyRow[];
  measure: Measure;
  onOpen: (code: string) => void;
  verified?: Verified;
}) {
  const { t, fmt, pct, num, lang, colon, comma, list } = useLang();
  const words = useAreaParams();
  const { data: shapes, error } = useBoundaries();
  const [hover, setHover] = useState<{ code: string; x: number; y: number } | null>(null);
  const byCode = useMemo(() => new Map(counties.map((c) => [c.code, c])), [counties]);
  const drawn = useMemo(() => {
    if (!shapes) return null;
    const projection = geoMercator().fitSize([W, H], { type: 'FeatureCollection', features: shapes.counties });
    const path = geoPath(projection);
    return {
      counties: shapes.counties.map((f) => ({ code: f.id, name: f.properties.name, d: path(f) ?? '' })),
      codes: new Set(shapes.counties.map((f) => f.id)),
      cityBorders: path(shapes.cityBorders) ?? '',
      outline: path(shapes.outline) ?? '',
    };
  }, [shapes]);
  if (error) return <ErrorView error={error} />;
  if (!drawn) return <Loading />;
  // The boundary file covers one area: a programme none of whose places it draws gets its table, and the reason, not an empty map.
  if (counties.length && !counties.some((c) => drawn.codes.has(c.code)))
    return (
      <p className="map-none" role="note" data-testid="map-no-boundary">
        {t('mapNoBoundary', words)}
      </p>
    );
  const mode = counties[0]?.milestone.mode ?? 'build-out';
  const target = counties[0]?.milestone.target.target ?? null;
  const maintenanceCoverage = measure === 'coverage' && mode === 'maintenance' && target !== null;
  const { colour, legend } = scale(measure, pct, lang, mode, target, verified);
  /** Why a county has its colour in the maintenance years, in words (the tooltip and the county's label). */
  const classText = (c: CountyRow) => {
    const k = maintenanceClass(c);
    return fmt(message(MAINTENANCE_CLASSES[k.index], { target: pct(k.params.target), floor: pct(k.params.floor), mid: pct(k.params.mid) }));
  };
  const hovered = hover ? byCode.get(hover.code) : undefined;
  const v = hovered && verified?.byCode.get(hovered.code);
  const interval = (x: CountyResult) => verifiedText(x, pct, lang);
  const describeVerified = (c: CountyRow) => {
    const x = verified?.byCode.get(c.code);
    if (measure === 'reporting' && REPORT_WORDS[c.report]) return `${comma}${t('reporting')} ${REPORT_WORDS[c.report][lang]}`; // the layer's colour, in words
    if (maintenanceCoverage) return `${comma}${classText(c)}`;
    return measure === 'verified' && x ? `${comma}${t('verifiedCoverage')} ${x.checked ? interval(x) : t('notChecked')}` : '';
  };
  const describe = (c: CountyRow) =>
    `${c.cityName}${c.name}${colon}${list([`${t('coverage')} ${pct(c.coverage)}`, `${t('meeting')} ${num(c.teamsMeetingStandard)}/${num(c.communities)}`, `${t('registered')} ${num(c.teamsRegistered)}`, `${t('gapToMilestone')} ${num(c.milestone.gap)}`, STATUS_WORDS[c.milestone.status][lang]])}${describeVerified(c)}`;
  return (
    <figure className="map" data-testid="coverage-map">
      {/* biome-ignore lint/a11y/useSemanticElements: SVG has no grouping element a screen reader names; role=group carries the map's name */}
      <svg viewBox={`0 0 ${W} ${H}`} role="group" aria-label={t('mapLabel', words)} onMouseLeave={() => setHover(null)}>
        <g className="counties">
          {drawn.counties.map(({ code, d }) => {
            const c = byCode.get(code);
            return (
              // biome-ignore lint/a11y/noStaticElementInteractions: a county with figures is a link (role, tabIndex, Enter and Space); one without is inert
              <path
                key={code}
                d={d}
                data-code={code}
                tabIndex={c ? 0 : -1}
                role={c ? 'link' : undefined}
                aria-label={c ? describe(c) : undefined}
                fill={c ? colour(c) : '#ddd'}
                className={hover?.code === code ? 'hovered' : undefined}
                onMouseMove={(e) => {
                  const box = (e.currentTarget.ownerSVGElement as SVGSVGElement).getBoundingClientRect();
                  setHover({ code, x: e.clientX - box.left, y: e.clientY - box.top });
                }}
                onFocus={(e) => {
                  const box = e.currentTarget.getBBox();
                  setHover({
                    code,
                    x: ((box.x + box.width / 2) / W) * (e.currentTarget.ownerSVGElement as SVGSVGElement).clientWidth,
                    y: ((box.y + box.height / 2) / H) * (e.currentTarget.ownerSVGElement as SVGSVGElement).clientHeight,
                  });
                }}
                onBlur={() => setHover(null)}
                onClick={() => c && onOpen(code)}
                onKeyDown={(e) => {
                  if (c && (e.key === 'Enter' || e.key === ' ')) {
                    e.preventDefault();
                    onOpen(code);
                  }
                }}
              />
            );
          })}
        </g>
        <path d={drawn.cityBorders} className="city-borders" />
        <path d={drawn.outline} className="outline" />
      </svg>
      {hovered && hover && (
        <div
          className="tooltip"
          role="status"
          data-testid="map-tooltip"
          data-code={hovered.code}
          style={{ left: hover.x + 12, top: hover.y + 12 }}
        >
          <strong>
            {hovered.cityName} · {hovered.name}
          </strong>
          <dl>
            <dt>{t('coverage')}</dt>
            <dd data-field="coverage">{pct(hovered.coverage)}</dd>
            <dt>{t('meeting')}</dt>
            <dd data-field="teamsMeetingStandard">{num(hovered.teamsMeetingStandard)}</dd>
            <dt>{t('registered')}</dt>
            <dd data-field="teamsRegistered">{num(hovered.teamsRegistered)}</dd>
            <dt>{t('communities')}</dt>
            <dd data-field="communities">{num(hovered.communities)}</dd>
            <dt>{t('gapToMilestone')}</dt>
            <dd data-field="gap">{num(hovered.milestone.gap)}</dd>
            <dt>{t('status')}</dt>
            <dd>{STATUS_WORDS[hovered.milestone.status][lang]}</dd>
            {maintenanceCoverage && (
              <>
                <dt>{fmt(message('map.class'))}</dt>
                <dd data-field="class">{classText(hovered)}</dd>
              </>
            )}
            {hovered.report !== 'untracked' && (
              <>
                <dt>{t('reporting')}</dt>
                <dd data-field="report">{REPORT_WORDS[hovered.report][lang]}</dd>
              </>
            )}
            {v && (
              <>
                <dt>{t('verifiedCoverage')}</dt>
                <dd data-field="verified">{v.checked ? interval(v) : t('notChecked')}</dd>
                <dt>{t('restsOn')}</dt>
                <dd data-field="checks">{t('checksOfSample', { checked: String(v.checked), sampled: String(v.sampled) })}</dd>
              </>
            )}
          </dl>
        </div>
      )}
      <figcaption className="legend">
        <span className="legend-title">
          {t(
            measure === 'coverage'
              ? 'coverage'
              : measure === 'registered'
                ? 'registeredShare'
                : measure === 'gap'
                  ? 'gapToMilestone'
                  : measure === 'reporting'
                    ? 'reporting'
                    : measure === 'verified'
                      ? 'verifiedCoverage'
                      : 'status',
          )}
          {measure === 'coverage' ? (maintenanceCoverage ? ` · ${t('target')} ${pct(target!)}` : ` ÷ ${t('target')}`) : ''}
        </span>
        {measure === 'verified' && (
          <span className="legend-basis" data-testid="verified-basis">
            {verified
              ? t('verifiedBasis', {
                  campaign: verified.campaign,
                  interim: verified.interim ? t('interimSuffix') : '',
                  registry: String(verified.registryVersion),
                })
              : t('noSupervisionYet')}
          </span>
        )}
        {legend.map((l) => (
          <span key={l.label} className="legend-item">
            <i style={{ background: l.colour }} />
            {l.label}
          </span>
        ))}
        {measure === 'status' && mode === 'maintenance' && (
          // The three statuses' rules, on the page: 低于目标, 有下滑风险, 保持达标.
          <span className="legend-basis" data-testid="status-rules">
            {fmt(message('map.status.rules'))}
          </span>
        )}
      </figcaption>
    </figure>
  );
}
