import { DownloadOutlined, EyeOutlined, QrcodeOutlined } from "@ant-design/icons";
import { Button, Drawer, Modal } from "antd";
import { useState } from "react";
import { Link } from "react-router-dom";
import { verificationUrl } from "../../../shared/certificates/links.js";
import { maskIdNumber } from "../../../shared/certificates/masked.js";
import type { CertificateHolder, CertificateItem, ItemList } from "../shared/api-types";
import { CertificateSheet, factsOf } from "../shared/certificates/CertificateSheet";
import { CertificateStatusTag } from "../shared/certificates/CertificateStatusTag";
import { QrCode } from "../shared/certificates/QrCode";
import { ListStates, RefreshButton } from "../shared/components/ListStates";
import { PageHeading } from "../shared/components/PageHeading";
import { SubPageTrail } from "../shared/components/SubPageTrail";
import { useI18n } from "../shared/I18nProvider";
import { useApi } from "../shared/useApi";

/** The holder sees their own name; the ID number stays masked on screen, as on the portal's profile. */
function ownView(holder: CertificateHolder): CertificateHolder {
  return holder.type === "person" ? { ...holder, idNumber: maskIdNumber(holder.idNumber) } : holder;
}

const linkOf = (item: CertificateItem) =>
  verificationUrl(window.location.origin, item.document.id, item.verificationCode);

/** The QR code that leads to the certificate's verification page, with the link beneath it. */
function QrBlock({ item, size }: { item: CertificateItem; size: number }) {
  const { t, pick } = useI18n();
  const url = linkOf(item);
  const name = pick(item.document.name, item.document.nameEn);
  return (
    <figure className="qr-box">
      <QrCode text={url} label={t("certificates.qrAlt", { name })} size={size} />
      <figcaption>
        <p className="muted small">{t("certificates.qrHint")}</p>
        <Link to={`/verify/${item.document.id}#${item.verificationCode}`} className="small">
          {t("certificates.openVerify")}
        </Link>
      </figcaption>
    </figure>
  );
}

function CertificateRow({
  item,
  onView,
  onQr,
}: {
  item: CertificateItem;
  onView: () => void;
  onQr: () => void;
}) {
  const { t, pick, dateTime } = useI18n();
  const doc = item.document;
  const name = pick(doc.name, doc.nameEn);
  const headingId = `my-certificate-${doc.id}`;
  return (
    <li>
      <article
        className="use-card certificate-row"
        aria-labelledby={headingId}
        data-testid="my-certificate"
        data-id={doc.id}
      >
        <header className="use-card__head">
          <h2 className="use-card__title" id={headingId}>
            {name}
          </h2>
          <CertificateStatusTag status={item.status} />
          <span className="use-card__time">{dateTime(doc.issuedAt)}</span>
        </header>
        <dl className="certificate-row__facts">
          <div>
            <dt>{t("certificates.issuer")}</dt>
            <dd>{pick(doc.issuer.name, doc.issuer.nameEn)}</dd>
          </div>
          <div>
            <dt>{t("certificates.validUntil")}</dt>
            <dd>{doc.validUntil ?? t("certificates.noExpiry")}</dd>
          </div>
          <div>
            <dt>{t("certificates.number")}</dt>
            <dd className="mono small">{doc.id}</dd>
          </div>
        </dl>
        <div className="certificate-row__actions">
          <Button
            icon={<EyeOutlined aria-hidden="true" />}
            onClick={onView}
            aria-label={t("certificates.viewLabel", { name })}
          >
            {t("certificates.view")}
          </Button>
          <Button
            icon={<DownloadOutlined aria-hidden="true" />}
            href={`/api/certificates/${doc.id}/download`}
            download={`certificate-${doc.id}.json`}
            aria-label={t("certificates.downloadLabel", { name })}
            data-testid="certificate-download"
          >
            {t("certificates.download")}
          </Button>
          <Button
            icon={<QrcodeOutlined aria-hidden="true" />}
            onClick={onQr}
            aria-label={t("certificates.qrLabel", { name })}
          >
            {t("certificates.qr")}
          </Button>
        </div>
      </article>
    </li>
  );
}

/** 我的证照: the person's (or the enterprise's) e-certificates, to view, download and show as a QR code. */
export function CertificatesPage() {
  const { t, pick } = useI18n();
  const list = useApi<ItemList<CertificateItem>>("/api/certificates");
  const [viewing, setViewing] = useState<CertificateItem | null>(null);
  const [showingQr, setShowingQr] = useState<CertificateItem | null>(null);
  return (
    <>
      <SubPageTrail section={t("portal.title")} sectionTo="/portal" page={t("portal.certificates")} />
      <PageHeading
        title={t("portal.certificates")}
        intro={
          <>
            {t("certificates.intro")} <Link to="/verify">{t("verify.toFilePage")}</Link>
          </>
        }
        extra={<RefreshButton state={list} />}
      />
      <ListStates state={list} isEmpty={(data) => data.items.length === 0} empty={t("certificates.empty")}>
        {(data) => (
          <ul className="use-list" aria-label={t("portal.certificates")}>
            {data.items.map((item) => (
              <CertificateRow
                key={item.document.id}
                item={item}
                onView={() => setViewing(item)}
                onQr={() => setShowingQr(item)}
              />
            ))}
          </ul>
        )}
      </ListStates>
      <Drawer
        open={viewing !== null}
        onClose={() => setViewing(null)}
        title={t("certificates.details")}
        size={Math.min(560, window.innerWidth)}
        destroyOnHidden
      >
        {viewing ? (
          <CertificateSheet
            facts={{ ...factsOf(viewing.document), holder: ownView(viewing.document.holder) }}
            claims={viewing.document.claims}
            status={viewing.status}
            revokedAt={viewing.revokedAt}
            revocationReason={viewing.revocationReason}
            footer={<QrBlock item={viewing} size={160} />}
          />
        ) : null}
      </Drawer>
      <Modal
        open={showingQr !== null}
        onCancel={() => setShowingQr(null)}
        footer={null}
        title={
          showingQr
            ? `${t("certificates.qrTitle")} · ${pick(showingQr.document.name, showingQr.document.nameEn)}`
            : null
        }
        centered
        width={360}
      >
        {showingQr ? <QrBlock item={showingQr} size={260} /> : null}
      </Modal>
    </>
  );
}
