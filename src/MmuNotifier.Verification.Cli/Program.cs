// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Cli;

return CliApp.Run(args, Console.Out, Console.Error);
