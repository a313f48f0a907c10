/// Process exit codes (sysexits.h values), documented in the README.
public enum ExitCode: Int32, Sendable {
    /// The run finished; rejected documents are a normal outcome.
    case success = 0
    /// Anything not covered below (a bug): the message says what happened.
    case failure = 1
    /// Bad command line or invalid config (EX_USAGE).
    case usage = 64
    /// No input: a named input does not exist, or nothing readable was found (EX_NOINPUT).
    case noInput = 66
    /// The output directory cannot be created or written (EX_CANTCREAT).
    case cannotCreateOutput = 73
    /// Reading or writing failed during the run (EX_IOERR).
    case ioError = 74
    /// Another `winnow run` holds the output's lock (EX_TEMPFAIL): try again later.
    case tempFail = 75
    /// Interrupted by SIGINT (128 + 2).
    case interrupted = 130
    /// Terminated by SIGTERM (128 + 15).
    case terminated = 143
}

/// An error that ends a run with a specific exit code and an operator-facing message.
public struct RunError: Error, CustomStringConvertible, Sendable {
    public let code: ExitCode
    public let message: String
    public init(_ code: ExitCode, _ message: String) {
        self.code = code
        self.message = message
    }
    public var description: String { message }
}
