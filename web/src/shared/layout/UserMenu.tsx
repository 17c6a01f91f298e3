import { DownOutlined, KeyOutlined, LogoutOutlined, MailOutlined, UserOutlined } from "@ant-design/icons";
import { App, Button, Dropdown, type MenuProps } from "antd";
import { useNavigate } from "react-router-dom";
import { useAuth, useMe } from "../AuthProvider";
import { useI18n } from "../I18nProvider";

/** The signed-in user's name with a menu: notification e-mail, change password, sign out. */
export function UserMenu() {
  const me = useMe();
  const { signOut } = useAuth();
  const { t } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();

  const items: MenuProps["items"] = [
    { key: "contact", icon: <MailOutlined aria-hidden="true" />, label: t("contact.title") },
    { key: "password", icon: <KeyOutlined aria-hidden="true" />, label: t("user.changePassword") },
    { type: "divider" },
    { key: "signout", icon: <LogoutOutlined aria-hidden="true" />, label: t("user.signOut") },
  ];

  const onClick: MenuProps["onClick"] = ({ key }) => {
    if (key === "contact") {
      navigate("/account/contact");
    } else if (key === "password") {
      navigate("/account/password");
    } else if (key === "signout") {
      // Signing out re-renders the routes, which take the user to /login.
      void signOut()
        .catch(() => undefined)
        .then(() => message.success(t("user.signedOut")));
    }
  };

  return (
    <Dropdown menu={{ items, onClick }} trigger={["click"]} placement="bottomRight">
      <Button
        type="text"
        className="header-button user-button"
        aria-label={t("user.menu", { name: me.displayName })}
        data-testid="user-menu"
      >
        <UserOutlined aria-hidden="true" />
        <span className="user-button__name">{me.displayName}</span>
        <DownOutlined aria-hidden="true" className="user-button__caret" />
      </Button>
    </Dropdown>
  );
}
