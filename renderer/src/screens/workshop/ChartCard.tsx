// One workshop chart: title, the chart (hover for figures), a toggle to the exact
// figures as a table, a PNG of the chart, and one line on how it was made.
import { useId, useRef, useState, type ReactNode } from 'react';
import { Chart, type ChartHandle } from '../../charts/Chart';
import { downloadUrl, safeFileName } from '../../charts/download';
import type { ChartOption } from '../../charts/echarts';
import { FigureTableView } from './FigureTableView';
import type { FigureTable } from './series';

interface Props {
  id: string;
  title: string;
  /** Shown beside the title, e.g. "what-if". */
  tag?: ReactNode;
  note: string;
  option: ChartOption;
  height: number;
  table: FigureTable;
  /** e.g. "Norbiton": the PNG is "<fileStem> - <title>.png". */
  fileStem: string;
  /** Above the chart (the influence-able headline). */
  lead?: ReactNode;
  wide?: boolean;
}

export function ChartCard(props: Props) {
  const [showTable, setShowTable] = useState(false);
  const chart = useRef<ChartHandle>(null);
  const tableId = useId();
  const savePng = () => {
    const url = chart.current?.dataUrl();
    if (url) downloadUrl(url, `${safeFileName(`${props.fileStem} - ${props.title}`)}.png`);
  };
  return (
    <section className={`chart-card${props.wide ? ' wide' : ''}`} aria-labelledby={`${props.id}-title`} data-testid={`chart-${props.id}`}>
      <header className="chart-head">
        <h2 id={`${props.id}-title`}>
          {props.title} {props.tag}
        </h2>
        <div className="chart-tools">
          <button aria-expanded={showTable} aria-controls={tableId} onClick={() => setShowTable((v) => !v)}>
            {showTable ? 'Hide figures' : 'Show figures'}
          </button>
          <button onClick={savePng} aria-label={`Save "${props.title}" as a PNG image`}>
            Save PNG
          </button>
        </div>
      </header>
      {props.lead}
      <Chart ref={chart} option={props.option} height={props.height} label={`${props.title}: hover for figures, or press "Show figures"`} testId={`chart-${props.id}-canvas`} />
      <div className="figure-table-wrap" id={tableId} hidden={!showTable}>
        <FigureTableView table={props.table} label={`${props.title}: figures`} />
      </div>
      <p className="chart-note">{props.note}</p>
    </section>
  );
}
