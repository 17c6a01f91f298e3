import * as cedar from "@cedar-policy/cedar-wasm/nodejs";

/**
 * Checks a Cedar request (its principal and resource types, its entities and its context) against
 * the schema, in JavaScript, as Cedar's own request validation would. The decision point does this
 * itself on every call, because handing Cedar the schema makes it convert entities with type
 * information and costs a fifth of a decision; with this check, nothing reaches Cedar that the schema
 * would refuse. Built from Cedar's own reading of the schema (schemaToJsonWithResolvedTypes), so the
 * two cannot drift; a schema using a type this checker does not know fails at start-up.
 */

type CedarType =
  | { type: "String" | "Long" | "Bool" }
  | { type: "Set"; element: CedarType }
  | { type: "Entity"; name: string }
  | { type: "Record"; attributes: Record<string, CedarType & { required?: boolean }> };

interface Uid {
  type: string;
  id: string;
}

/** A request as Cedar takes it, with plain `{type, id}` uids. */
export interface CedarRequest {
  principal: Uid;
  action: Uid;
  resource: Uid;
  context: cedar.Context;
  entities: (cedar.EntityJson & { uid: Uid })[];
}

export interface RequestChecker {
  /** The problems found, empty when the request conforms. */
  check(request: CedarRequest): string[];
}

interface SchemaJson {
  commonTypes?: Record<string, unknown>;
  entityTypes: Record<string, { shape?: unknown }>;
  actions: Record<
    string,
    { appliesTo?: { principalTypes?: string[]; resourceTypes?: string[]; context?: unknown } }
  >;
}

/** Reads the schema once and returns a checker for requests in its namespace. */
export function requestChecker(schemaText: string, namespace: string): RequestChecker {
  const answer = cedar.schemaToJsonWithResolvedTypes(schemaText);
  if (answer.type !== "success") {
    throw new Error(`the Cedar schema does not parse: ${answer.errors.map((e) => e.message).join("; ")}`);
  }
  const schema = (answer.json as unknown as Record<string, SchemaJson>)[namespace];
  if (!schema) {
    throw new Error(`the Cedar schema has no namespace ${namespace}`);
  }
  const common = schema.commonTypes ?? {};
  const qualified = (name: string) => (name.includes("::") ? name : `${namespace}::${name}`);
  const resolve = (raw: unknown, where: string): CedarType => {
    const t = raw as { type: string; element?: unknown; name?: string; attributes?: Record<string, unknown> };
    switch (t.type) {
      case "String":
      case "Long":
      case "Bool":
        return { type: t.type };
      case "Set":
        return { type: "Set", element: resolve(t.element, `${where}[]`) };
      case "Entity":
        return { type: "Entity", name: qualified(t.name ?? "") };
      case "Record":
        return {
          type: "Record",
          attributes: Object.fromEntries(
            Object.entries(t.attributes ?? {}).map(([k, v]) => [
              k,
              { ...resolve(v, `${where}.${k}`), required: (v as { required?: boolean }).required !== false },
            ]),
          ),
        };
      default: {
        const name = t.type.startsWith(`${namespace}::`) ? t.type.slice(namespace.length + 2) : t.type;
        if (name in common) {
          return resolve(common[name], where);
        }
        throw new Error(`the request checker does not know the Cedar type ${t.type} (${where})`);
      }
    }
  };
  const emptyRecord: CedarType = { type: "Record", attributes: {} };
  const shapes = new Map(
    Object.entries(schema.entityTypes).map(([name, e]) => [
      qualified(name),
      e.shape ? resolve(e.shape, name) : emptyRecord,
    ]),
  );
  const actions = new Map(
    Object.entries(schema.actions).map(([name, a]) => [
      name,
      {
        principals: new Set((a.appliesTo?.principalTypes ?? []).map(qualified)),
        resources: new Set((a.appliesTo?.resourceTypes ?? []).map(qualified)),
        context: a.appliesTo?.context ? resolve(a.appliesTo.context, `${name} context`) : emptyRecord,
      },
    ]),
  );

  return {
    check(request) {
      const problems: string[] = [];
      const action = actions.get(request.action.id);
      if (!action || request.action.type !== `${namespace}::Action`) {
        return [`unknown action ${request.action.type}::${request.action.id}`];
      }
      if (!action.principals.has(request.principal.type)) {
        problems.push(`principal type ${request.principal.type} does not apply to ${request.action.id}`);
      }
      if (!action.resources.has(request.resource.type)) {
        problems.push(`resource type ${request.resource.type} does not apply to ${request.action.id}`);
      }
      conform(request.context, action.context, "context", problems);
      for (const entity of request.entities) {
        const shape = shapes.get(entity.uid.type);
        if (!shape) {
          problems.push(`unknown entity type ${entity.uid.type}`);
        } else {
          conform(entity.attrs, shape, `${entity.uid.type}::"${entity.uid.id}"`, problems);
        }
        if (entity.parents.length > 0) {
          problems.push(`${entity.uid.type} has parents, which the schema does not declare`);
        }
      }
      return problems;
    },
  };

  function conform(value: unknown, type: CedarType, where: string, problems: string[]): void {
    switch (type.type) {
      case "String":
        if (typeof value !== "string") {
          problems.push(`${where} must be a String`);
        }
        return;
      case "Long":
        if (!Number.isSafeInteger(value)) {
          problems.push(`${where} must be a Long`);
        }
        return;
      case "Bool":
        if (typeof value !== "boolean") {
          problems.push(`${where} must be a Bool`);
        }
        return;
      case "Set":
        if (!Array.isArray(value)) {
          problems.push(`${where} must be a Set`);
          return;
        }
        for (const element of value) {
          conform(element, type.element, `${where}[]`, problems);
        }
        return;
      case "Entity": {
        const ref = (value as { __entity?: { type?: unknown; id?: unknown } } | null)?.__entity;
        if (!ref || ref.type !== type.name || typeof ref.id !== "string") {
          problems.push(`${where} must be a ${type.name}`);
        }
        return;
      }
      case "Record": {
        if (typeof value !== "object" || value === null || Array.isArray(value)) {
          problems.push(`${where} must be a Record`);
          return;
        }
        const record = value as Record<string, unknown>;
        for (const [key, attribute] of Object.entries(type.attributes)) {
          if (record[key] === undefined) {
            if (attribute.required) {
              problems.push(`${where}.${key} is missing`);
            }
          } else {
            conform(record[key], attribute, `${where}.${key}`, problems);
          }
        }
        for (const key of Object.keys(record)) {
          if (!(key in type.attributes)) {
            problems.push(`${where}.${key} is not in the schema`);
          }
        }
        return;
      }
    }
  }
}
