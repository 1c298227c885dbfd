//! Accounts: users with roles, browser sessions, API tokens and the audit log. The store
//! keeps only hashes of secrets (argon2id for passwords, SHA-256 for session and token
//! secrets); hashing and checking belong to the server's authentication.

use jiff::Timestamp;

/// What a user may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Role {
    /// Reads documents for registered readers.
    Registered,
    /// Edits documents and authorities; sees staff-only documents.
    Editor,
    /// Everything, including accounts and the audit log.
    Admin,
}

impl Role {
    /// The role's name.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Registered => "registered",
            Role::Editor => "editor",
            Role::Admin => "admin",
        }
    }
}

impl std::str::FromStr for Role {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "registered" | "reader" => Ok(Role::Registered),
            "editor" => Ok(Role::Editor),
            "admin" | "administrator" => Ok(Role::Admin),
            other => Err(format!(
                "unknown role '{other}' (expected admin, editor or registered)"
            )),
        }
    }
}

/// A user account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    /// The account's number.
    pub id: u64,
    /// The login name.
    pub name: String,
    /// What the user may do.
    pub role: Role,
    /// The password's argon2id hash.
    pub password_hash: String,
    /// Whether the account is disabled (no login, no token works).
    pub disabled: bool,
    /// Whether the user must choose a new password at the next login.
    pub must_change_password: bool,
    /// When the account was made.
    pub created: Timestamp,
}

/// A user to create.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewUser {
    /// The login name.
    pub name: String,
    /// The role.
    pub role: Role,
    /// The password's argon2id hash.
    pub password_hash: String,
    /// Whether the user must choose a new password at the next login.
    pub must_change_password: bool,
}

/// Changes to an account; `None` leaves a field as it is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UserChange {
    /// A new role.
    pub role: Option<Role>,
    /// A new password hash.
    pub password_hash: Option<String>,
    /// Disable or enable.
    pub disabled: Option<bool>,
    /// Require (or no longer require) a new password.
    pub must_change_password: Option<bool>,
}

/// A browser session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    /// SHA-256 (hex) of the cookie's secret.
    pub token_hash: String,
    /// Whose session.
    pub user_id: u64,
    /// The session's anti-forgery token, put in every form.
    pub csrf: String,
    /// When it began.
    pub created: Timestamp,
    /// When it ends.
    pub expires: Timestamp,
}

/// What an API token may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TokenScope {
    /// Read what its user may read.
    Read,
    /// Also write what its user may write.
    Write,
}

impl TokenScope {
    /// The scope's name.
    pub fn as_str(self) -> &'static str {
        match self {
            TokenScope::Read => "read",
            TokenScope::Write => "write",
        }
    }
}

impl std::str::FromStr for TokenScope {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "read" => Ok(TokenScope::Read),
            "write" => Ok(TokenScope::Write),
            other => Err(format!(
                "unknown token scope '{other}' (expected read or write)"
            )),
        }
    }
}

/// An API token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiToken {
    /// The token's number.
    pub id: u64,
    /// Whose token.
    pub user_id: u64,
    /// A name to tell tokens apart.
    pub name: String,
    /// SHA-256 (hex) of the token's secret.
    pub token_hash: String,
    /// What it may do.
    pub scope: TokenScope,
    /// When it was made.
    pub created: Timestamp,
    /// When it was revoked.
    pub revoked: Option<Timestamp>,
}

/// A token to create.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewApiToken {
    /// Whose token.
    pub user_id: u64,
    /// A name to tell tokens apart.
    pub name: String,
    /// SHA-256 (hex) of the token's secret.
    pub token_hash: String,
    /// What it may do.
    pub scope: TokenScope,
}

/// One line of the audit log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEntry {
    /// Its sequence number.
    pub seq: u64,
    /// When.
    pub at: Timestamp,
    /// Who (a user name, `cli:…`, or the address of a failed login).
    pub actor: String,
    /// What: `login`, `login-failed`, `logout`, `edit`, `import`, `export`, `role`, `token-created`, …
    pub action: String,
    /// On what (a document id, a user name, a token id).
    pub target: Option<String>,
    /// More, for people.
    pub detail: Option<String>,
    /// The client's network address, when known.
    pub address: Option<String>,
}

/// An audit line to append.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NewAuditEntry {
    /// Who.
    pub actor: String,
    /// What.
    pub action: String,
    /// On what.
    pub target: Option<String>,
    /// More.
    pub detail: Option<String>,
    /// From where.
    pub address: Option<String>,
}
