import type { FastifyPluginAsync } from "fastify";
import { Type } from "typebox";
import {
  CERTIFICATE_KEYS_PATH,
  formatCertificate,
  VERIFICATION_CODE_LENGTH,
} from "../../../shared/certificates/certificate.js";
import type { ServiceContext } from "../../platform/context.js";
import { callerOf } from "../../platform/http/caller.js";
import { StrictObject, Uuid } from "../../platform/http/schema.js";
import type { TypedApp } from "../../platform/http/types.js";
import {
  presentCertificate,
  presentPublicCertificate,
  presentVerification,
} from "./certificates.presenter.js";
import {
  CertificateSchema,
  KeySetSchema,
  PublicCertificateSchema,
  VerificationSchema,
} from "./certificates.schemas.js";
import * as certificates from "./certificates.service.js";

const tags = { tags: ["certificates"] };
const Params = StrictObject({ id: Uuid });
const holderOrIssuer = { roles: ["citizen", "enterprise_agent", "officer", "dept_admin"] } as const;
// Public calls that do work (a signature check, a ledger entry) are limited per client address.
const publicLimited = { auth: { public: true }, rateLimit: { max: 60, timeWindow: "1 minute" } } as const;
const DOCUMENT_BYTES = 64 * 1024;

/** 电子证照: the holder's certificates, downloads, revocation, public verification and the keys. */
export function certificatesRoutes(ctx: ServiceContext): FastifyPluginAsync {
  return async (fastify) => {
    const app = fastify as unknown as TypedApp;

    app.get(
      CERTIFICATE_KEYS_PATH,
      {
        schema: {
          ...tags,
          summary: "Every key that has signed certificates (JWK set): verify certificates offline with them",
          response: { 200: KeySetSchema },
        },
        config: { auth: { public: true } },
      },
      async (_request, reply) =>
        reply
          .header("cache-control", "public, max-age=300")
          // Public keys: any verifier, on any site, may fetch them.
          .header("access-control-allow-origin", "*")
          .send(await certificates.publishedKeys(ctx)),
    );

    app.get(
      "/api/certificates",
      {
        schema: {
          ...tags,
          summary: "My certificates (a citizen's own; an agent's: the enterprise's), newest first",
          response: {
            200: Type.Object({ items: Type.Array(CertificateSchema) }, { additionalProperties: false }),
          },
        },
        config: { auth: { roles: ["citizen", "enterprise_agent"] } },
      },
      async (request) => ({
        items: (await certificates.listHolderCertificates(ctx, callerOf(request))).map(presentCertificate),
      }),
    );

    app.get(
      "/api/certificates/:id",
      {
        schema: {
          ...tags,
          summary: "A certificate, for its holder or the issuing department",
          params: Params,
          response: { 200: CertificateSchema },
        },
        config: { auth: holderOrIssuer },
      },
      async (request) =>
        presentCertificate(await certificates.getCertificate(ctx, callerOf(request), request.params.id)),
    );

    app.get(
      "/api/certificates/:id/download",
      {
        schema: { ...tags, summary: "The signed certificate as a JSON file", params: Params },
        config: { auth: holderOrIssuer },
      },
      async (request, reply) => {
        const record = await certificates.getCertificate(ctx, callerOf(request), request.params.id);
        return reply
          .type("application/json; charset=utf-8")
          .header("content-disposition", `attachment; filename="certificate-${record.document.id}.json"`)
          .header("cache-control", "no-store")
          .send(formatCertificate(record.document));
      },
    );

    app.post(
      "/api/certificates/:id/revoke",
      {
        schema: {
          ...tags,
          summary: "Revoke a certificate your department issued, with the reason",
          params: Params,
          body: StrictObject({ reason: Type.String({ minLength: 2, maxLength: 500 }) }),
          response: { 200: CertificateSchema },
        },
        config: { auth: { roles: ["officer", "dept_admin"] } },
      },
      async (request) =>
        presentCertificate(
          await certificates.revokeCertificate(
            ctx,
            callerOf(request),
            request.params.id,
            request.body.reason,
          ),
        ),
    );

    app.post(
      "/api/certificates/verify",
      {
        schema: {
          ...tags,
          summary: "Verify a certificate document: signature, issued here as presented, revoked or expired",
          // The body is the document to judge, not input to validate: whatever it is, the answer says
          // why it is or is not a valid certificate (malformed ones included).
          body: Type.Object({}, { additionalProperties: true, description: "A certificate document" }),
          response: { 200: VerificationSchema },
        },
        bodyLimit: DOCUMENT_BYTES,
        config: publicLimited,
      },
      async (request) => presentVerification(await certificates.verifyCertificate(ctx, request.body)),
    );

    app.get(
      "/api/certificates/:id/public",
      {
        schema: {
          ...tags,
          summary: "What the verification page shows: the masked certificate and its status",
          params: Params,
          response: { 200: PublicCertificateSchema },
        },
        config: { auth: { public: true } },
      },
      async (request) =>
        presentPublicCertificate(await certificates.publicCertificate(ctx, request.params.id)),
    );

    app.post(
      "/api/certificates/:id/document",
      {
        schema: {
          ...tags,
          summary:
            "The signed document, for whoever has the code of its QR link (to verify it in the browser)",
          params: Params,
          body: StrictObject({
            code: Type.String({
              pattern: `^[A-Za-z0-9_-]{${VERIFICATION_CODE_LENGTH}}$`,
              description: "The part after the # of the QR link",
            }),
          }),
          response: { 200: CertificateSchema },
        },
        config: publicLimited,
      },
      async (request) =>
        presentCertificate(
          await certificates.documentByCode(ctx, callerOf(request), request.params.id, request.body.code),
        ),
    );
  };
}
