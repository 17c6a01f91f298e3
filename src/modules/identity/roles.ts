import type { Role } from "./identity.tables.js";

/** Labels and duties of each role, shown in the UI and the API. */
export const ROLE_INFO: Record<
  Role,
  { name: string; nameEn: string; description: string; descriptionEn: string }
> = {
  citizen: {
    name: "市民",
    nameEn: "Citizen",
    description: "办理政务服务、提出诉求、查看个人数据使用记录",
    descriptionEn: "Uses public services, files requests, sees who used their data",
  },
  enterprise_agent: {
    name: "企业经办人",
    nameEn: "Enterprise agent",
    description: "代表企业或组织办理业务",
    descriptionEn: "Acts for an enterprise or organisation",
  },
  officer: {
    name: "承办人员",
    nameEn: "Officer",
    description: "在工作台审查办件、处理诉求、审批数据共享申请",
    descriptionEn: "Reviews applications, handles requests and data-sharing approvals",
  },
  dept_admin: {
    name: "部门管理员",
    nameEn: "Department admin",
    description: "维护本部门的事项、权责清单和数据资源",
    descriptionEn: "Maintains the department's service items, rights lists and data resources",
  },
  leader: {
    name: "领导",
    nameEn: "Leader",
    description: "查看驾驶舱指标、预警和应急指挥",
    descriptionEn: "Uses the cockpit: indicators, alerts, emergency command",
  },
  auditor: {
    name: "审计监督",
    nameEn: "Auditor",
    description: "查看透明账本、数据访问审查和异常预警",
    descriptionEn: "Supervises the ledger, data access and anomaly alerts",
  },
  platform_admin: {
    name: "平台管理员",
    nameEn: "Platform admin",
    description: "管理账号、角色、令牌和基础数据",
    descriptionEn: "Manages accounts, roles, tokens and reference data",
  },
  legal_reviewer: {
    name: "法制审核",
    nameEn: "Legal reviewer",
    description: "审核部门提交的权责清单变更，批准或退回并说明理由",
    descriptionEn: "Reviews departments' proposed changes to their rights and responsibility lists",
  },
  helper: {
    name: "帮办员",
    nameEn: "Helper",
    description: "在街道、社区便民服务中心凭本人授权为群众帮办代办政务服务",
    descriptionEn: "Applies for residents, with their authorisation, at a street or community service centre",
  },
  system: {
    name: "部门业务系统",
    nameEn: "Department system",
    description: "以 API 令牌调用平台接口",
    descriptionEn: "Calls the platform's API with a token",
  },
};

/** Roles a human account may hold; "system" is only for system clients. */
export const HUMAN_ROLES: readonly Role[] = [
  "legal_reviewer",
  "citizen",
  "enterprise_agent",
  "officer",
  "dept_admin",
  "leader",
  "auditor",
  "platform_admin",
  "helper",
];

/** Roles that act for a department and so must belong to at least one. */
export const DEPARTMENT_ROLES: readonly Role[] = ["officer", "dept_admin", "leader", "helper"];
