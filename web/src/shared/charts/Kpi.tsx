import { Card } from "antd";

/** One key figure of a figures page: a title, the value, and an optional hint beneath. */
export function Kpi({
  title,
  value,
  hint,
  testId,
}: {
  title: string;
  value: string;
  hint?: string;
  testId?: string;
}) {
  return (
    <Card className="figures-kpi" size="small">
      <div className="muted small">{title}</div>
      <div className="figures-kpi__value" style={{ fontSize: 24, fontWeight: 600 }} data-testid={testId}>
        {value}
      </div>
      {hint ? <p className="figures-kpi__hint">{hint}</p> : null}
    </Card>
  );
}
