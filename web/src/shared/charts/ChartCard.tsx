import { Card } from "antd";
import { type ChartOption, EChart } from "./EChart";

/** One chart of a figures page in its card, the heading naming it for everyone and for screen readers. */
export function ChartCard({
  title,
  option,
  height,
  testId,
  wide = false,
}: {
  title: string;
  option: ChartOption;
  height?: number;
  testId?: string;
  /** Spans the whole row of the charts' grid. */
  wide?: boolean;
}) {
  return (
    <Card
      className={wide ? "figures-card figures-charts--wide" : "figures-card"}
      title={<h2 className="card-heading">{title}</h2>}
    >
      <EChart option={option} label={title} {...(height ? { height } : {})} {...(testId ? { testId } : {})} />
    </Card>
  );
}
