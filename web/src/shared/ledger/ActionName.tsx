import { useI18n } from "../I18nProvider";
import { actionKey } from "./entry";

/** An action's name in the reader's language; actions this client does not know show as recorded. */
export function useActionName(): (action: string) => string {
  const { t } = useI18n();
  return (action) => {
    const key = actionKey(action);
    return key ? t(key) : action;
  };
}

/** The action's name with its recorded code beneath, for detail views. */
export function ActionName({ action }: { action: string }) {
  const name = useActionName()(action);
  return (
    <>
      <span>{name}</span>
      {name !== action ? <span className="code muted action-code">{action}</span> : null}
    </>
  );
}
