//! Signing commits the way git does, and checking signatures against the store's allowed-signers
//! file. Both go through the tools git itself uses (`ssh-keygen -Y`, `gpg`), so that
//! `git verify-commit` and `git log --show-signature` accept what sirt signs.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use anyhow::{Context, Result, anyhow};

use crate::error::UserError;

/// The signing namespace git uses for commits.
const NAMESPACE: &str = "git";

/// Signs `data` (a commit object without its signature) with the key git's configuration names:
/// `gpg.format = ssh` with `user.signingkey` (a key file, or `key::…` for a key in the agent),
/// run through `gpg.ssh.program`; otherwise OpenPGP through `gpg.program`.
pub fn sign(config: &git2::Config, data: &[u8]) -> Result<String> {
    let key = config.get_string("user.signingkey").ok().filter(|k| !k.trim().is_empty());
    let format = config.get_string("gpg.format").unwrap_or_else(|_| "openpgp".into());
    let needs_key = || -> anyhow::Error {
        UserError::new("this store signs every change, and git has no signing key (user.signingkey); nothing was recorded")
            .hint("set one: git config gpg.format ssh && git config user.signingkey ~/.ssh/id_ed25519.pub")
            .into()
    };
    let dir = tempfile::tempdir().context("cannot make a temporary directory to sign in")?;
    let data_file = dir.path().join("commit");
    std::fs::write(&data_file, data)?;
    match format.as_str() {
        "ssh" => {
            let key = key.ok_or_else(needs_key)?;
            let program = config.get_string("gpg.ssh.program").unwrap_or_else(|_| "ssh-keygen".into());
            let key_file = match key.strip_prefix("key::") {
                Some(literal) => write_key(dir.path(), literal)?,
                None if key.starts_with("ssh-") => write_key(dir.path(), &key)?,
                None => expand_home(&key),
            };
            let out = Command::new(&program)
                .args(["-Y", "sign", "-n", NAMESPACE, "-f"])
                .arg(&key_file)
                .arg(&data_file)
                .stdin(Stdio::null())
                .output()
                .with_context(|| format!("cannot run {program} to sign the change"))?;
            if !out.status.success() {
                return Err(signing_failed(&program, &out.stderr));
            }
            let sig = std::fs::read_to_string(dir.path().join("commit.sig"))
                .with_context(|| format!("{program} wrote no signature"))?;
            Ok(sig)
        }
        "openpgp" => {
            let program = config.get_string("gpg.program").unwrap_or_else(|_| "gpg".into());
            let mut command = Command::new(&program);
            command.args(["--status-fd=2", "-bsa"]);
            if let Some(key) = &key {
                command.args(["-u", key]);
            }
            let out = command
                .arg(&data_file)
                .arg("--output")
                .arg(dir.path().join("commit.asc"))
                .stdin(Stdio::null())
                .output()
                .with_context(|| format!("cannot run {program} to sign the change"))?;
            if !out.status.success() {
                return Err(signing_failed(&program, &out.stderr));
            }
            Ok(std::fs::read_to_string(dir.path().join("commit.asc"))?)
        }
        other => Err(UserError::new(format!(
            "git's gpg.format is '{other}', which sirt cannot sign with; nothing was recorded"
        ))
        .hint("use gpg.format ssh or openpgp")
        .into()),
    }
}

fn signing_failed(program: &str, stderr: &[u8]) -> anyhow::Error {
    let said = String::from_utf8_lossy(stderr);
    UserError::new(format!(
        "{program} could not sign the change ({}); nothing was recorded",
        crate::text::one_line(said.trim(), 200)
    ))
    .hint("check user.signingkey and that the key is readable or in the agent: git config user.signingkey")
    .into()
}

fn write_key(dir: &Path, key: &str) -> Result<PathBuf> {
    let path = dir.join("key.pub");
    std::fs::write(&path, format!("{}\n", key.trim()))?;
    Ok(path)
}

fn expand_home(path: &str) -> PathBuf {
    match (path.strip_prefix("~/"), std::env::var_os("HOME")) {
        (Some(rest), Some(home)) => Path::new(&home).join(rest),
        _ => PathBuf::from(path),
    }
}

/// What a signature check found.
#[derive(Debug, Clone, PartialEq)]
pub enum SignatureCheck {
    /// Made by a key the allowed-signers file lists, for this principal.
    Allowed { principal: String },
    /// A valid signature by a key the allowed-signers file does not list.
    NotAllowed { key: String },
    /// The signature does not match the commit.
    Bad { why: String },
    /// Not an SSH signature (OpenPGP): the allowed-signers file cannot vouch for it.
    Foreign,
    /// The check could not be made (no `ssh-keygen`).
    Unchecked { why: String },
}

/// Checks an SSH signature over `data` against an allowed-signers file's content.
pub fn check(allowed_signers: &[u8], signature: &str, data: &[u8]) -> SignatureCheck {
    if !signature.trim_start().starts_with("-----BEGIN SSH SIGNATURE-----") {
        return SignatureCheck::Foreign;
    }
    match check_ssh(allowed_signers, signature, data) {
        Ok(found) => found,
        Err(e) => SignatureCheck::Unchecked { why: format!("{e:#}") },
    }
}

fn check_ssh(allowed_signers: &[u8], signature: &str, data: &[u8]) -> Result<SignatureCheck> {
    let dir = tempfile::tempdir()?;
    let allowed = dir.path().join("allowed_signers");
    let sig = dir.path().join("commit.sig");
    std::fs::write(&allowed, allowed_signers)?;
    std::fs::write(&sig, signature)?;
    let keygen = |args: &[&str], input: Option<&[u8]>| -> Result<(bool, String)> {
        let mut child = Command::new("ssh-keygen")
            .args(args)
            .stdin(if input.is_some() { Stdio::piped() } else { Stdio::null() })
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| anyhow!("cannot run ssh-keygen to check signatures: {e}"))?;
        if let Some(bytes) = input {
            use std::io::Write;
            // ssh-keygen may stop reading early on a bad signature; its verdict is what counts.
            let _ = child.stdin.take().expect("piped").write_all(bytes);
        }
        let out = child.wait_with_output()?;
        let text =
            format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
        Ok((out.status.success(), text.trim().to_string()))
    };
    let (allowed_path, sig_path) = (allowed.to_string_lossy(), sig.to_string_lossy());
    let (found, principals) = keygen(&["-Y", "find-principals", "-f", &allowed_path, "-s", &sig_path], None)?;
    if found {
        let principal = principals.lines().next().unwrap_or("").trim().to_string();
        let (good, said) = keygen(
            &["-Y", "verify", "-f", &allowed_path, "-I", &principal, "-n", NAMESPACE, "-s", &sig_path],
            Some(data),
        )?;
        return Ok(if good {
            SignatureCheck::Allowed { principal }
        } else {
            SignatureCheck::Bad { why: crate::text::one_line(&said, 200) }
        });
    }
    let (valid, said) = keygen(&["-Y", "check-novalidate", "-n", NAMESPACE, "-s", &sig_path], Some(data))?;
    if !valid {
        return Ok(SignatureCheck::Bad { why: crate::text::one_line(&said, 200) });
    }
    // "Good "git" signature with ED25519 key SHA256:…"
    let key = said.split(" key ").nth(1).unwrap_or("an unknown key").trim().to_string();
    Ok(SignatureCheck::NotAllowed { key })
}
