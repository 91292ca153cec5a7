fn main() {
    std::process::exit(sirt::main_entry());
}
