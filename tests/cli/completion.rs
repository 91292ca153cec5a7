//! Dynamic completion through a real bash: the script `sirt completions bash` prints is sourced,
//! the shell's completion variables are set as readline sets them at a TAB, and the function it
//! registered is called; the ids it offers come from the store the command line names.

use std::path::Path;

use crate::support::{Env, sirt_path};

fn required() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true")
}

/// What bash offers for the last of `words` (the word under the cursor, maybe empty), with the
/// isolated environment of `env` plus `vars`; stderr must stay empty. `None` when bash is missing
/// outside CI (under CI=true its absence fails).
fn complete(env: &Env, words: &[&str], vars: &[(&str, &str)]) -> Option<Vec<String>> {
    let script = env.home.join("sirt.bash");
    std::fs::write(&script, env.ok(&["completions", "bash"])).unwrap();
    let quote = |s: &str| format!("'{}'", s.replace('\'', r"'\''"));
    let quoted: Vec<String> = words.iter().map(|w| quote(w)).collect();
    // As readline would: the words, the cursor's word, the line; then the registered function
    // with (command, current word, previous word).
    let line = format!(
        "source {script}
         function=$(complete -p sirt | sed -E 's/.* -F ([^ ]+) .*/\\1/')
         COMP_WORDS=({words})
         COMP_CWORD=$(( ${{#COMP_WORDS[@]}} - 1 ))
         COMP_LINE=\"${{COMP_WORDS[*]}}\"
         COMP_POINT=${{#COMP_LINE}}
         COMP_TYPE=9
         \"$function\" sirt \"${{COMP_WORDS[COMP_CWORD]}}\" \"${{COMP_WORDS[COMP_CWORD-1]}}\"
         printf '%s\\n' \"${{COMPREPLY[@]}}\"",
        script = quote(script.to_str().unwrap()),
        words = quoted.join(" "),
    );
    let sirt_dir = sirt_path().parent().unwrap();
    let mut cmd = std::process::Command::new("bash");
    cmd.args(["--norc", "--noprofile", "-c", &line]).env_clear();
    for (key, value) in env.std_cmd().get_envs() {
        if let Some(value) = value {
            cmd.env(key, value);
        }
    }
    cmd.env("PATH", path_with(sirt_dir)).envs(vars.iter().copied()).current_dir(&env.home);
    let out = match cmd.output() {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && !required() => {
            eprintln!("skipped: bash is not installed");
            return None;
        }
        out => out.expect("bash runs"),
    };
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success() && stderr.is_empty(), "completing {words:?}: {stderr}");
    let offered = String::from_utf8(out.stdout).unwrap();
    Some(offered.lines().filter(|l| !l.is_empty()).map(str::to_string).collect())
}

fn path_with(dir: &Path) -> std::ffi::OsString {
    let mut dirs = vec![dir.to_path_buf()];
    dirs.extend(std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()));
    std::env::join_paths(dirs).unwrap()
}

fn add_tenant(env: &Env, id: &str) {
    env.ok(&["tenant", "add", id, "--name", id, "--admin-email", &format!("it@{id}.example")]);
}

/// The shortest prefix of `id`'s body (after `INC-`) that no other id shares.
fn unique_prefix(id: &str, others: &[&str]) -> String {
    let body = &id[4..];
    (1..=body.len())
        .map(|n| body[..n].to_string())
        .find(|p| others.iter().all(|o| !o[4..].starts_with(p.as_str())))
        .unwrap()
}

#[test]
fn bash_completes_incident_ids_from_a_prefix() {
    let env = Env::new();
    let first = env.detect("Odd sign-ins", &[]);
    let second = env.detect("Port scan", &[]);
    assert_ne!(first, second);
    let prefix = unique_prefix(&first, &[&second]);
    let Some(offered) = complete(&env, &["sirt", "show", &prefix], &[]) else { return };
    assert_eq!(offered, [first.as_str()]);
    // Lower case and with `INC-`, as `sirt show` itself accepts.
    let typed = format!("inc-{}", prefix.to_lowercase());
    assert_eq!(complete(&env, &["sirt", "confirm", &typed], &[]).unwrap(), [first.as_str()]);
    // Nothing typed: every incident (options come after the ids).
    let all = complete(&env, &["sirt", "history", ""], &[]).unwrap();
    assert!(all.contains(&first) && all.contains(&second), "{all:?}");
    // `deadlines --incident` takes an incident too.
    assert_eq!(complete(&env, &["sirt", "deadlines", "--incident", &prefix], &[]).unwrap(), [first]);
}

#[test]
fn bash_completes_tenant_and_regime_ids() {
    let env = Env::new();
    for id in ["contoso", "contrail", "northwind"] {
        add_tenant(&env, id);
    }
    let id = env.detect("Odd sign-ins", &[]);
    let Some(offered) = complete(&env, &["sirt", "affected", &id, ""], &[]) else { return };
    assert!(offered.starts_with(&["contoso".into(), "contrail".into(), "northwind".into()]), "{offered:?}");
    // After one tenant, the next is completed too.
    let offered = complete(&env, &["sirt", "affected", &id, "contoso", "no"], &[]).unwrap();
    assert_eq!(offered, ["northwind"]);
    assert_eq!(complete(&env, &["sirt", "tenant", "show", "cont"], &[]).unwrap(), ["contoso", "contrail"]);
    assert_eq!(complete(&env, &["sirt", "notified", &id, "nor"], &[]).unwrap(), ["northwind"]);
    // A new tenant's id is not completed from the existing ones.
    assert!(complete(&env, &["sirt", "tenant", "add", "con"], &[]).unwrap().is_empty());

    let regimes = complete(&env, &["sirt", "tenant", "set", "contoso", "--regime", "gdpr"], &[]).unwrap();
    assert!(!regimes.is_empty() && regimes.iter().all(|r| r.starts_with("gdpr")), "{regimes:?}");
    assert_eq!(complete(&env, &["sirt", "regimes", "gdpr"], &[]).unwrap(), regimes);
}

#[test]
fn completion_reads_the_store_the_command_line_names_and_never_writes_or_complains() {
    let env = Env::new();
    add_tenant(&env, "contoso");
    let other = Env::new();
    add_tenant(&other, "fabrikam");
    let other_store = other.store.to_str().unwrap();

    // `--store` on the line wins over SIRT_STORE, in both spellings.
    let Some(offered) = complete(&env, &["sirt", "--store", other_store, "tenant", "show", ""], &[]) else {
        return;
    };
    assert!(offered.contains(&"fabrikam".to_string()) && !offered.contains(&"contoso".to_string()));
    let spelled = format!("--store={other_store}");
    assert!(complete(&env, &["sirt", "tenant", "show", &spelled, "f"], &[]).unwrap() == ["fabrikam"]);

    // No store there: nothing offered, no error, nothing created.
    let missing = env.home.join("nowhere");
    let offered =
        complete(&env, &["sirt", "tenant", "show", "c"], &[("SIRT_STORE", missing.to_str().unwrap())])
            .unwrap();
    assert!(offered.is_empty(), "{offered:?}");
    assert!(!missing.exists());
    let before = env.git(&["rev-parse", "HEAD"]);
    complete(&env, &["sirt", "affected", "", ""], &[]).unwrap();
    assert_eq!(env.git(&["rev-parse", "HEAD"]), before);
    assert!(env.git(&["status", "--porcelain"]).is_empty());
}

#[test]
fn subcommands_and_options_still_complete() {
    let env = Env::new();
    let Some(offered) = complete(&env, &["sirt", "tena"], &[]) else { return };
    assert_eq!(offered, ["tenant"]);
    let offered = complete(&env, &["sirt", "list", "--sev"], &[]).unwrap();
    assert_eq!(offered, ["--severity"]);
}

/// Runs `script` in `shell` (`zsh -f`, `fish --no-config`) with the isolated environment and
/// sirt on PATH; returns its stdout lines, each cut at its first tab or colon (fish and zsh put
/// a description there). `None` when the shell is missing outside CI.
fn in_shell(env: &Env, shell: &[&str], script: &str) -> Option<Vec<String>> {
    let mut cmd = std::process::Command::new(shell[0]);
    cmd.args(&shell[1..]).arg("-c").arg(script).env_clear();
    for (key, value) in env.std_cmd().get_envs() {
        if let Some(value) = value {
            cmd.env(key, value);
        }
    }
    cmd.env("PATH", path_with(sirt_path().parent().unwrap())).current_dir(&env.home);
    let out = match cmd.output() {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && !required() => {
            eprintln!("skipped: {} is not installed", shell[0]);
            return None;
        }
        out => out.expect("the shell runs"),
    };
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success() && stderr.is_empty(), "{shell:?}: {stderr}");
    let lines = String::from_utf8(out.stdout).unwrap();
    Some(lines.lines().map(|l| l.split(['\t', ':']).next().unwrap().to_string()).collect())
}

#[test]
fn fish_completes_ids_through_its_own_completion_machinery() {
    let env = Env::new();
    add_tenant(&env, "contoso");
    add_tenant(&env, "northwind");
    let id = env.detect("Odd sign-ins", &[]);
    let ask = |line: &str| {
        in_shell(
            &env,
            &["fish", "--no-config"],
            &format!("sirt completions fish | source; complete --do-complete '{line}'"),
        )
    };
    let Some(offered) = ask(&format!("sirt show {}", &id[4..8])) else { return };
    assert_eq!(offered, [id.as_str()]);
    assert_eq!(ask(&format!("sirt affected {id} nor")).unwrap(), ["northwind"]);
    let offered = ask("sirt tenant show ").unwrap();
    assert!(offered.starts_with(&["contoso".into(), "northwind".into()]), "{offered:?}");
}

/// zsh's completion system needs an interactive shell; here the function the script defines runs
/// with `words` and `CURRENT` set as compsys sets them, and `_describe` (which would show the
/// candidates) prints them instead.
#[test]
fn zsh_completes_ids_with_the_function_its_script_defines() {
    let env = Env::new();
    add_tenant(&env, "contoso");
    add_tenant(&env, "northwind");
    let id = env.detect("Odd sign-ins", &[]);
    let ask = |words: &str, current: usize| {
        let script = format!(
            "compdef() {{ : }}
             _describe() {{ print -l -- \"${{(@P)${{@[-1]}}}}\" }}
             source <(sirt completions zsh)
             words=({words}); CURRENT={current}
             _clap_dynamic_completer_sirt"
        );
        in_shell(&env, &["zsh", "-f"], &script)
    };
    let Some(offered) = ask(&format!("sirt show {}", &id[4..8]), 3) else { return };
    assert_eq!(offered, [id.as_str()]);
    assert_eq!(ask(&format!("sirt affected {id} nor"), 4).unwrap(), ["northwind"]);
    assert_eq!(ask("sirt tenant show co", 4).unwrap(), ["contoso"]);
}

/// The calls the zsh and fish scripts make, made directly: they hold where those shells are
/// missing.
#[test]
fn zsh_and_fish_scripts_get_the_same_ids() {
    let env = Env::new();
    add_tenant(&env, "contoso");
    add_tenant(&env, "northwind");
    let zsh = env.ok(&["completions", "zsh"]);
    assert!(
        zsh.contains("COMPLETE=\"zsh\"") && zsh.contains("_CLAP_COMPLETE_INDEX=$(expr $CURRENT - 1)"),
        "{zsh}"
    );
    let out = env
        .cmd()
        .env("COMPLETE", "zsh")
        .env("_CLAP_IFS", "\n")
        .env("_CLAP_COMPLETE_INDEX", "3")
        .args(["--", "sirt", "tenant", "show", "nor"])
        .output()
        .unwrap();
    assert_eq!(String::from_utf8(out.stdout).unwrap(), "northwind");
    assert!(out.stderr.is_empty());

    let fish = env.ok(&["completions", "fish"]);
    assert!(fish.contains("COMPLETE=fish sirt -- (commandline"), "{fish}");
    let out =
        env.cmd().env("COMPLETE", "fish").args(["--", "sirt", "affected", "INC", "co"]).output().unwrap();
    assert_eq!(String::from_utf8(out.stdout).unwrap().trim_end(), "contoso");
    assert!(out.stderr.is_empty());
}
