import { Descriptions, Drawer, Table, type TableColumnsType } from "antd";
import { Link } from "react-router-dom";
import type { CatalogueResource, ResourceField } from "../shared/api-types";
import {
  DATA_CLASS_KEY,
  FIELD_TYPE_KEY,
  FREQUENCY_KEY,
  OPEN_DATA_KEY,
  SUBJECT_TYPE_KEY,
} from "../shared/exchange/labels";
import { SensitivityTag, SharingClassTag } from "../shared/exchange/Tags";
import { useI18n } from "../shared/I18nProvider";

/** One catalogue entry in full: what it holds, on what terms it is shared, by what law, and its fields. */
export function ResourceDrawer({
  resource,
  ownerName,
  onClose,
}: {
  resource: CatalogueResource;
  ownerName: string;
  onClose: () => void;
}) {
  const { t, pick, dateTime } = useI18n();
  const columns: TableColumnsType<ResourceField> = [
    {
      key: "label",
      title: t("catalogue.fieldLabel"),
      render: (_, field) => (
        <>
          <span>{pick(field.label, field.labelEn)}</span>
          <span className="code muted action-code">{field.name}</span>
        </>
      ),
    },
    {
      key: "type",
      title: t("catalogue.fieldType"),
      render: (_, field) => t(FIELD_TYPE_KEY[field.type]),
    },
    {
      key: "sensitivity",
      title: t("catalogue.sensitivity"),
      render: (_, field) => <SensitivityTag level={field.sensitivity} />,
    },
  ];
  return (
    <Drawer
      open
      size={Math.min(760, window.innerWidth)}
      title={pick(resource.name, resource.nameEn)}
      onClose={onClose}
      className="resource-drawer"
    >
      <div className="resource-drawer__tags">
        <SharingClassTag value={resource.sharingClass} />
        <span className="code muted">{resource.code}</span>
      </div>
      <p className="resource-drawer__lead" data-testid="resource-description">
        {pick(resource.description, resource.descriptionEn)}
      </p>
      <Descriptions
        className="entry-facts"
        column={1}
        size="small"
        bordered
        items={[
          {
            key: "owner",
            label: t("catalogue.owner"),
            children: (
              <>
                <span className="strong">{ownerName}</span>
                <Link
                  to={`/rights?department=${encodeURIComponent(resource.owner)}`}
                  className="resource-drawer__owner-link"
                >
                  {t("catalogue.ownerRights")}
                </Link>
              </>
            ),
          },
          {
            key: "subject",
            label: t("catalogue.subjectType"),
            children: t(SUBJECT_TYPE_KEY[resource.subjectType]),
          },
          {
            key: "conditions",
            label: t(resource.sharingClass === "none" ? "catalogue.whyNotShared" : "catalogue.conditions"),
            children: resource.conditions ? (
              <span lang="zh-CN" data-testid="resource-conditions">
                {resource.conditions}
              </span>
            ) : (
              <span className="muted">{t("catalogue.noConditions")}</span>
            ),
          },
          {
            key: "law",
            label: t("catalogue.legalBasis"),
            children: (
              <ul className="power-card__list">
                {resource.legalBasis.map((basis) => (
                  <li key={`${basis.law}${basis.article}`} lang="zh-CN" data-testid="resource-legal-basis">
                    《{basis.law}》{basis.article}
                  </li>
                ))}
              </ul>
            ),
          },
          { key: "open", label: t("catalogue.openData"), children: t(OPEN_DATA_KEY[resource.openDataClass]) },
          { key: "class", label: t("catalogue.dataClass"), children: t(DATA_CLASS_KEY[resource.dataClass]) },
          ...(resource.purposes.length > 0
            ? [
                {
                  key: "purposes",
                  label: t("catalogue.purposes"),
                  children: <span lang="zh-CN">{resource.purposes.join("、")}</span>,
                },
              ]
            : []),
          {
            key: "frequency",
            label: t("catalogue.frequency"),
            children: t(FREQUENCY_KEY[resource.updateFrequency]),
          },
          {
            key: "version",
            label: t("catalogue.version"),
            children: t("catalogue.versionValue", {
              version: resource.version,
              date: dateTime(resource.updatedAt),
            }),
          },
        ]}
      />
      <h3 className="drawer-section-title">{t("catalogue.fields", { n: resource.fields.length })}</h3>
      <p className="muted small">{t("catalogue.sensitivityNote")}</p>
      <div className="table-scroll">
        <Table<ResourceField>
          size="small"
          rowKey="name"
          columns={columns}
          dataSource={resource.fields}
          pagination={false}
          data-testid="resource-fields"
        />
      </div>
    </Drawer>
  );
}
