import { MinusCircleOutlined, PlusOutlined } from "@ant-design/icons";
import { Button, Form, Input, Modal, Select } from "antd";
import { useEffect } from "react";
import { GRANT_ROLE_KEY, LEVEL_KEY, POWER_TYPE_KEY } from "../../rights/labels";
import type { Power } from "../../shared/api-types";
import { POWER_LEVELS, POWER_TYPES } from "../../shared/api-types";
import { useCatalogue } from "../../shared/exchange/useCatalogue";
import { useI18n } from "../../shared/I18nProvider";

/** The form's shape: duties are one per line. */
interface PowerForm extends Omit<Power, "duties" | "department"> {
  duties: string;
}

const CODE_PATTERN = /^[0-9A-Za-z-]{3,40}$/;

/** Adds or edits one power of a draft list, with every field the server keeps. */
export function PowerFormModal({
  open,
  power,
  departmentCode,
  takenCodes,
  onCancel,
  onSave,
}: {
  open: boolean;
  /** The power being edited, or null to add one. */
  power: Power | null;
  departmentCode: string;
  takenCodes: readonly string[];
  onCancel: () => void;
  onSave: (power: Power) => void;
}) {
  const { t, pick } = useI18n();
  const catalogue = useCatalogue();
  const [form] = Form.useForm<PowerForm>();

  useEffect(() => {
    if (!open) {
      return;
    }
    form.resetFields();
    form.setFieldsValue(
      power
        ? { ...power, duties: power.duties.join("\n") }
        : {
            code: "",
            name: "",
            nameEn: "",
            type: "行政许可",
            level: "city",
            legalBasis: [{ law: "", article: "" }],
            duties: "",
            accountability: "",
            grants: [],
          },
    );
  }, [open, power, form]);

  const onOk = async () => {
    const values = await form.validateFields();
    onSave({
      ...values,
      code: values.code.trim(),
      department: departmentCode,
      duties: values.duties
        .split("\n")
        .map((duty) => duty.trim())
        .filter(Boolean),
      grants: values.grants ?? [],
    });
  };

  return (
    <Modal
      open={open}
      title={power ? t("deptRights.editPower") : t("deptRights.addPower")}
      okText={t("app.save")}
      cancelText={t("app.cancel")}
      onOk={() => void onOk()}
      onCancel={onCancel}
      width={720}
      destroyOnHidden
    >
      <Form<PowerForm> form={form} layout="vertical" name="power" requiredMark="optional">
        <Form.Item
          name="code"
          label={t("deptRights.code")}
          extra={t("deptRights.codeHint")}
          rules={[
            { required: true, message: t("deptRights.required") },
            { pattern: CODE_PATTERN, message: t("deptRights.codeInvalid") },
            {
              validator: (_, value: string) =>
                takenCodes.includes(value?.trim()) && value?.trim() !== power?.code
                  ? Promise.reject(new Error(t("deptRights.codeTaken")))
                  : Promise.resolve(),
            },
          ]}
        >
          <Input className="code" disabled={power !== null} />
        </Form.Item>
        <div className="form-pair">
          <Form.Item
            name="name"
            label={t("deptRights.name")}
            rules={[{ required: true, whitespace: true, message: t("deptRights.required") }]}
          >
            <Input lang="zh-CN" />
          </Form.Item>
          <Form.Item
            name="nameEn"
            label={t("deptRights.nameEn")}
            rules={[{ required: true, whitespace: true, message: t("deptRights.required") }]}
          >
            <Input lang="en" />
          </Form.Item>
        </div>
        <div className="form-pair">
          <Form.Item name="type" label={t("rights.type")} rules={[{ required: true }]}>
            <Select options={POWER_TYPES.map((value) => ({ value, label: t(POWER_TYPE_KEY[value]) }))} />
          </Form.Item>
          <Form.Item name="level" label={t("rights.level")} rules={[{ required: true }]}>
            <Select options={POWER_LEVELS.map((value) => ({ value, label: t(LEVEL_KEY[value]) }))} />
          </Form.Item>
        </div>
        <fieldset className="form-fieldset">
          <legend>{t("rights.legalBasis")}</legend>
          <Form.List
            name="legalBasis"
            rules={[
              {
                validator: (_, value: unknown[]) =>
                  value && value.length > 0
                    ? Promise.resolve()
                    : Promise.reject(new Error(t("deptRights.basisRequired"))),
              },
            ]}
          >
            {(fields, { add, remove }, { errors }) => (
              <>
                {fields.map((field, index) => (
                  <div key={field.key} className="form-row">
                    <Form.Item
                      name={[field.name, "law"]}
                      label={t("deptRights.law")}
                      rules={[{ required: true, whitespace: true, message: t("deptRights.required") }]}
                      className="form-row__wide"
                    >
                      <Input placeholder="中华人民共和国…法" />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, "article"]}
                      label={t("deptRights.article")}
                      rules={[{ required: true, whitespace: true, message: t("deptRights.required") }]}
                    >
                      <Input placeholder="第三条" />
                    </Form.Item>
                    <Button
                      type="text"
                      icon={<MinusCircleOutlined aria-hidden="true" />}
                      aria-label={t("deptRights.removeBasis", { n: index + 1 })}
                      onClick={() => remove(field.name)}
                      className="form-row__remove"
                    />
                  </div>
                ))}
                <Form.ErrorList errors={errors} />
                <Button
                  icon={<PlusOutlined aria-hidden="true" />}
                  onClick={() => add({ law: "", article: "" })}
                >
                  {t("deptRights.addBasis")}
                </Button>
              </>
            )}
          </Form.List>
        </fieldset>
        <Form.Item name="duties" label={t("rights.duties")} extra={t("deptRights.dutiesHint")}>
          <Input.TextArea rows={3} />
        </Form.Item>
        <Form.Item
          name="accountability"
          label={t("rights.accountability")}
          rules={[{ required: true, whitespace: true, message: t("deptRights.required") }]}
        >
          <Input.TextArea rows={2} />
        </Form.Item>
        <fieldset className="form-fieldset">
          <legend>{t("rights.grants")}</legend>
          <Form.List name="grants">
            {(fields, { add, remove }) => (
              <>
                {fields.map((field, index) => (
                  <div key={field.key} className="form-row">
                    <Form.Item
                      name={[field.name, "roles"]}
                      label={t("deptRights.grantRoles")}
                      rules={[{ required: true, message: t("deptRights.required") }]}
                      className="form-row__wide"
                    >
                      <Select
                        mode="multiple"
                        options={(["officer", "dept_admin", "leader", "system"] as const).map((value) => ({
                          value,
                          label: t(GRANT_ROLE_KEY[value]),
                        }))}
                      />
                    </Form.Item>
                    <Form.Item name={[field.name, "action"]} label={t("deptRights.grantAction")}>
                      <Select
                        options={[
                          { value: "read", label: t("deptRights.actionRead") },
                          { value: "decide", label: t("deptRights.actionDecide") },
                        ]}
                      />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, "resources"]}
                      label={t("deptRights.grantResources")}
                      className="form-row__wide"
                    >
                      <Select
                        mode="multiple"
                        options={catalogue.resources.map((resource) => ({
                          value: resource.id,
                          label: pick(resource.name, resource.nameEn),
                        }))}
                      />
                    </Form.Item>
                    <Button
                      type="text"
                      icon={<MinusCircleOutlined aria-hidden="true" />}
                      aria-label={t("deptRights.removeGrant", { n: index + 1 })}
                      onClick={() => remove(field.name)}
                      className="form-row__remove"
                    />
                  </div>
                ))}
                <Button
                  icon={<PlusOutlined aria-hidden="true" />}
                  onClick={() => add({ roles: ["officer"], action: "read", resources: [] })}
                >
                  {t("deptRights.addGrant")}
                </Button>
              </>
            )}
          </Form.List>
        </fieldset>
      </Form>
    </Modal>
  );
}
