// The ECharts option for a ward map: the project's wards filled by class colour,
// outlined wards (the neighbourhood, or the wards being ticked) drawn thick and dark,
// hover showing the ward's name and figures. The legend and attribution are HTML
// beside it (WardMap.tsx), so they scale with Large text like the page.
import type { WardMap } from '../../../../shared/contract/maps';
import { NO_FIGURE_COLOUR } from '../../../../shared/map/breaks';
import { formatMeasureValue } from '../../../../shared/map/measure';
import { formatPounds } from '../../../../shared/money';
import type { ChartOption } from '../echarts';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const num = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });

/** The tooltip's text for a ward (also the keyboard overlay's label). */
export function wardTip(map: WardMap, code: string): string {
  const w = map.wards.find((x) => x.code === code);
  if (!w) return code;
  const parts = [`${w.name}: ${formatMeasureValue(w.value, map.unit)}`];
  if (map.unit === 'per_head' && w.pence !== null) parts.push(`${formatPounds(w.pence)} in all`);
  if (w.population !== null) parts.push(`population ${num.format(w.population)}`);
  return parts.join('; ');
}

export function mapOption(map: WardMap, mapName: string, outlined: ReadonlySet<string>, font: number): ChartOption {
  return {
    animation: false,
    tooltip: {
      trigger: 'item',
      confine: true,
      textStyle: { fontSize: font },
      formatter: (p: unknown) => {
        const code = (p as { name: string }).name;
        const w = map.wards.find((x) => x.code === code);
        return w ? `<strong>${esc(w.name)}</strong><br/>${esc(wardTip(map, code).slice(w.name.length + 2)).replace(/; /g, '<br/>')}` : esc(code);
      },
    },
    series: [
      {
        type: 'map',
        map: mapName,
        nameProperty: 'code',
        roam: false,
        selectedMode: false,
        layoutCenter: ['50%', '50%'],
        layoutSize: '96%',
        label: { show: false },
        emphasis: { label: { show: false }, itemStyle: { areaColor: undefined, borderColor: '#000', borderWidth: 2 } },
        data: map.wards.map((w) => ({
          name: w.code,
          value: w.value ?? undefined,
          itemStyle: {
            areaColor: w.class === null ? NO_FIGURE_COLOUR : map.colours[w.class],
            borderColor: outlined.has(w.code) ? '#000000' : '#6b6b6b',
            borderWidth: outlined.has(w.code) ? 3 : 0.7,
          },
        })),
      },
    ],
  } as ChartOption;
}
