import { ScrollRegion } from "../../shared/ui/scroll-region.tsx";
import { describeAssignment } from "../session/roles.ts";
import type { UserAccount } from "./users-api.ts";

export const USERS_CAPTION = "Cuentas";
export const RESET_LINK_BUTTON = "Generar enlace para restablecer";

/** "Activa", "Inactiva; bloqueada temporalmente", "Activa; sin contraseña (enlace pendiente)". */
export function describeStatus(user: UserAccount): string {
  const parts = [user.active ? "Activa" : "Inactiva"];
  if (user.locked) parts.push("bloqueada temporalmente por intentos fallidos");
  if (!user.hasPassword) parts.push("sin contraseña (enlace pendiente)");
  else if (user.mustChangePassword) parts.push("debe cambiar la contraseña al entrar");
  return parts.join("; ");
}

export type UserActions = {
  onEditRoles: (user: UserAccount) => void;
  onSetActive: (user: UserAccount, active: boolean) => void;
  onResetLink: (user: UserAccount) => void;
  /** The row being changed, whose buttons wait for the answer. */
  busyUserId: number | null;
};

function UserRow({
  user,
  isSelf,
  actions,
}: {
  user: UserAccount;
  isSelf: boolean;
  actions: UserActions;
}) {
  const busy = actions.busyUserId === user.id;
  // Each button names its account for screen readers, which list buttons out of context.
  const whose = (
    <>
      {" "}
      <span className="visually-hidden">de {user.name}</span>
    </>
  );
  return (
    <tr>
      <th scope="row">
        {user.name}
        {isSelf && (
          <>
            {" "}
            <span className="note">(su cuenta)</span>
          </>
        )}
      </th>
      <td>{user.email}</td>
      <td>{user.area ?? <span className="note">Sin área</span>}</td>
      <td>
        {user.assignments.length === 0 ? (
          "Sin roles"
        ) : (
          <ul className="plain-list">
            {user.assignments.map((assignment) => (
              <li key={describeAssignment(assignment)}>{describeAssignment(assignment)}</li>
            ))}
          </ul>
        )}
      </td>
      <td>{describeStatus(user)}</td>
      <td>
        <div className="row-actions">
          <button
            type="button"
            className="button button-small button-secondary"
            disabled={busy}
            onClick={() => actions.onEditRoles(user)}
          >
            Cambiar roles{whose}
          </button>
          {/* Deactivating one's own account would close this very session. */}
          {!isSelf && (
            <button
              type="button"
              className="button button-small button-secondary"
              disabled={busy}
              onClick={() => actions.onSetActive(user, !user.active)}
            >
              {user.active ? "Desactivar" : "Activar"}
              {whose}
            </button>
          )}
          {/* The server refuses a link for a deactivated account (ACCOUNT_INACTIVE). */}
          {user.active && (
            <button
              type="button"
              className="button button-small button-secondary"
              disabled={busy}
              onClick={() => actions.onResetLink(user)}
            >
              {RESET_LINK_BUTTON}
              {whose}
            </button>
          )}
        </div>
      </td>
    </tr>
  );
}

export function UsersTable({
  users,
  selfId,
  actions,
}: {
  users: readonly UserAccount[];
  selfId: number | null;
  actions: UserActions;
}) {
  return (
    <ScrollRegion labelledBy="tabla-cuentas">
      <table className="data-table">
        <caption id="tabla-cuentas">{USERS_CAPTION}</caption>
        <thead>
          <tr>
            <th scope="col">Nombre</th>
            <th scope="col">Correo electrónico</th>
            <th scope="col">Área</th>
            <th scope="col">Roles</th>
            <th scope="col">Estado</th>
            <th scope="col">Acciones</th>
          </tr>
        </thead>
        <tbody>
          {users.map((user) => (
            <UserRow key={user.id} user={user} isSelf={user.id === selfId} actions={actions} />
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}
