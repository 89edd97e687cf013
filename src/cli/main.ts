// Entry point of the `kubets` command: dispatches to the subcommands.
const usage = `kubets — the Kubernetes control plane, written in TypeScript

Usage: kubets <command> [flags]

Commands:
  up           start the whole control plane with the embedded store
  apiserver    run the API server alone
  help         print this help

Run 'kubets <command> --help' for the flags of a command.`;

function main(argv: string[]): number {
  const [command] = argv;
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
    console.log(usage);
    return 0;
  }
  console.error(`kubets: unknown command "${command}"\n\n${usage}`);
  return 2;
}

process.exitCode = main(process.argv.slice(2));
