import { CheckOutlined, CloseOutlined, PauseOutlined } from "@ant-design/icons";
import { useI18n } from "../I18nProvider";
import { STEP_KEY } from "./labels";
import type { ApplicationTask } from "./types";

type StepState = "done" | "current" | "held" | "failed" | "todo";

function stateOf(task: ApplicationTask, index: number): StepState {
  if (task.status === "approved") {
    return "done";
  }
  if (index < task.step.index) {
    return "done";
  }
  if (index > task.step.index || task.status === "waiting" || task.status === "cancelled") {
    return "todo";
  }
  if (task.status === "rejected") {
    return "failed";
  }
  return task.status === "supplement" ? "held" : "current";
}

const STATE_KEY = {
  done: "apps.stepState.done",
  current: "apps.stepState.current",
  held: "apps.stepState.held",
  failed: "apps.stepState.failed",
  todo: "apps.stepState.todo",
} as const;

/**
 * A task's steps (受理 → 审查 → … → 办结) as an ordered list, the current one marked for assistive
 * technology too; a step handled by another department than the item's names it.
 */
export function StepTrack({
  task,
  departmentName,
}: {
  task: ApplicationTask;
  departmentName: (code: string) => string;
}) {
  const { t } = useI18n();
  return (
    <ol className="step-track" aria-label={t("apps.stepsLabel")} data-testid="step-track">
      {task.steps.map((step, index) => {
        const state = stateOf(task, index);
        const active = state === "current" || state === "held";
        return (
          <li
            // Steps have no id and may repeat a kind; their place is what identifies them.
            // biome-ignore lint/suspicious/noArrayIndexKey: see above
            key={index}
            className={`step-track__step step-track__step--${state}`}
            aria-current={active ? "step" : undefined}
            data-state={state}
          >
            <span className="step-track__dot" aria-hidden="true">
              {state === "done" ? <CheckOutlined /> : null}
              {state === "failed" ? <CloseOutlined /> : null}
              {state === "held" ? <PauseOutlined /> : null}
              {state === "current" || state === "todo" ? index + 1 : null}
            </span>
            <span className="step-track__text">
              <span className="step-track__name">{t(STEP_KEY[step.kind])}</span>
              <span className="visually-hidden">{t(STATE_KEY[state])}</span>
              {step.department !== task.department ? (
                <span className="step-track__dept">{departmentName(step.department)}</span>
              ) : null}
            </span>
          </li>
        );
      })}
    </ol>
  );
}
