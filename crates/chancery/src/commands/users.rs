//! `chancery users …`: accounts from the command line (the operator's way in: the first
//! administrator, lost passwords, roles). Passwords are hashed with argon2id by the server's
//! own code; a generated one-time password is printed once and must be changed at the first
//! sign-in. Every command writes the audit log.

use std::io::BufRead;

use anyhow::{Context, bail};
use chancery_server::auth::password;
use chancery_store::{NewUser, Role, Store, StoreError, User, UserChange};

use crate::Outcome;
use crate::archive::DataDir;
use crate::cli::{UsersArgs, UsersCommand};
use crate::commands::audit;

/// Runs a `users` command.
pub fn run(data: &DataDir, args: UsersArgs) -> anyhow::Result<Outcome> {
    let store = match &args.what {
        UsersCommand::Add { .. } => data.create_or_open()?,
        _ => data.open_existing()?,
    };
    match args.what {
        UsersCommand::Add {
            name,
            role,
            password_stdin,
        } => add(&store, &name, &role, password_stdin),
        UsersCommand::List { json } => list(&store, json),
        UsersCommand::Disable { name } => set_disabled(&store, &name, true),
        UsersCommand::Enable { name } => set_disabled(&store, &name, false),
        UsersCommand::SetRole { name, role } => set_role(&store, &name, &role),
        UsersCommand::ResetPassword { name } => reset_password(&store, &name),
    }
}

/// Whether `name` can be a sign-in name.
pub fn check_name(name: &str) -> Result<(), String> {
    let ok = !name.is_empty()
        && name.chars().count() <= 64
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '.' | '_' | '-' | '@'));
    if ok {
        Ok(())
    } else {
        Err(format!(
            "'{name}' cannot be an account name: use 1 to 64 letters, digits, '.', '_', '-' or '@'"
        ))
    }
}

fn parse_role(role: &str) -> anyhow::Result<Role> {
    role.parse::<Role>().map_err(anyhow::Error::msg)
}

fn find(store: &dyn Store, name: &str) -> anyhow::Result<User> {
    store
        .user_by_name(name)?
        .with_context(|| format!("there is no account named '{name}' (see chancery users list)"))
}

fn add(store: &dyn Store, name: &str, role: &str, from_stdin: bool) -> anyhow::Result<Outcome> {
    if let Err(message) = check_name(name) {
        eprintln!("error: {message}");
        return Ok(Outcome::Usage);
    }
    let role = match parse_role(role) {
        Ok(role) => role,
        Err(e) => {
            eprintln!("error: {e}");
            return Ok(Outcome::Usage);
        }
    };
    let (secret, one_time) = if from_stdin {
        let mut line = String::new();
        std::io::stdin()
            .lock()
            .read_line(&mut line)
            .context("cannot read the password from standard input")?;
        let secret = line.trim_end_matches(['\r', '\n']).to_string();
        if let Err(message) = password::check_new(name, &secret) {
            eprintln!("error: {message}");
            return Ok(Outcome::Usage);
        }
        (secret, false)
    } else {
        (password::generate()?, true)
    };
    let user = create(store, name, role, &secret, one_time)?;
    audit(
        store,
        "user-created",
        Some(user.name.clone()),
        Some(format!("role {}", role.as_str())),
    );
    println!("Added {} ({}).", user.name, role.as_str());
    if one_time {
        print_one_time(&user.name, &secret);
    }
    Ok(Outcome::Success)
}

/// Creates an account with the argon2id hash of `secret`.
pub fn create(
    store: &dyn Store,
    name: &str,
    role: Role,
    secret: &str,
    one_time: bool,
) -> anyhow::Result<User> {
    let hash = password::hash(secret).map_err(|e| anyhow::anyhow!("{e}"))?;
    match store.create_user(NewUser {
        name: name.to_string(),
        role,
        password_hash: hash,
        must_change_password: one_time,
    }) {
        Ok(user) => Ok(user),
        Err(StoreError::NameTaken { name }) => bail!("there is already an account named '{name}'"),
        Err(e) => Err(e.into()),
    }
}

/// Prints a one-time password, once.
pub fn print_one_time(name: &str, secret: &str) {
    println!("One-time password for {name}: {secret}");
    println!("It is shown only now; {name} must choose a new password at the first sign-in.");
}

fn list(store: &dyn Store, json: bool) -> anyhow::Result<Outcome> {
    let users = store.users()?;
    if json {
        for u in &users {
            println!(
                "{}",
                serde_json::json!({
                    "name": u.name,
                    "role": u.role.as_str(),
                    "disabled": u.disabled,
                    "must_change_password": u.must_change_password,
                    "created": u.created.to_string(),
                })
            );
        }
        return Ok(Outcome::Success);
    }
    if users.is_empty() {
        println!("No accounts yet (chancery users add NAME --role admin).");
        return Ok(Outcome::Success);
    }
    let width = users
        .iter()
        .map(|u| u.name.chars().count())
        .max()
        .unwrap_or(4)
        .max(4);
    println!("{:width$}  {:10}  state", "name", "role");
    for u in &users {
        let mut state = Vec::new();
        if u.disabled {
            state.push("disabled");
        }
        if u.must_change_password {
            state.push("must change password");
        }
        println!(
            "{:width$}  {:10}  {}",
            u.name,
            u.role.as_str(),
            if state.is_empty() {
                "active".to_string()
            } else {
                state.join(", ")
            }
        );
    }
    Ok(Outcome::Success)
}

fn set_disabled(store: &dyn Store, name: &str, disabled: bool) -> anyhow::Result<Outcome> {
    let user = find(store, name)?;
    store.update_user(
        user.id,
        &UserChange {
            disabled: Some(disabled),
            ..UserChange::default()
        },
    )?;
    audit(
        store,
        if disabled {
            "user-disabled"
        } else {
            "user-enabled"
        },
        Some(user.name.clone()),
        None,
    );
    println!(
        "{} {}.",
        if disabled { "Disabled" } else { "Enabled" },
        user.name
    );
    Ok(Outcome::Success)
}

fn set_role(store: &dyn Store, name: &str, role: &str) -> anyhow::Result<Outcome> {
    let role = match parse_role(role) {
        Ok(role) => role,
        Err(e) => {
            eprintln!("error: {e}");
            return Ok(Outcome::Usage);
        }
    };
    let user = find(store, name)?;
    store.update_user(
        user.id,
        &UserChange {
            role: Some(role),
            ..UserChange::default()
        },
    )?;
    audit(
        store,
        "role",
        Some(user.name.clone()),
        Some(format!("{} → {}", user.role.as_str(), role.as_str())),
    );
    println!("{} is now {}.", user.name, role.as_str());
    Ok(Outcome::Success)
}

fn reset_password(store: &dyn Store, name: &str) -> anyhow::Result<Outcome> {
    let user = find(store, name)?;
    let secret = password::generate()?;
    let hash = password::hash(&secret).map_err(|e| anyhow::anyhow!("{e}"))?;
    store.update_user(
        user.id,
        &UserChange {
            password_hash: Some(hash),
            must_change_password: Some(true),
            ..UserChange::default()
        },
    )?;
    audit(store, "password-reset", Some(user.name.clone()), None);
    println!("Reset the password of {}; their sessions ended.", user.name);
    print_one_time(&user.name, &secret);
    Ok(Outcome::Success)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_checked() {
        assert!(check_name("alice").is_ok());
        assert!(check_name("a.b-c_d@example.org").is_ok());
        assert!(check_name("").is_err());
        assert!(check_name("a b").is_err());
        assert!(check_name("<script>").is_err());
        assert!(check_name(&"x".repeat(65)).is_err());
    }
}
