// A PowerShell host for tests: it answers prompts from a script of answers and records what it
// was asked, so the credential prompt's real code path can run without a person at a console.
using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;

namespace HyperVLibvirt.Tests
{
    /// <summary>One PromptForCredential call as the host received it.</summary>
    public sealed class CredentialPromptCall
    {
        public string Caption { get; set; }
        public string Message { get; set; }
        public string UserName { get; set; }
        public string TargetName { get; set; }
    }

    public sealed class RecordingHost : PSHost
    {
        private readonly RecordingHostUI _ui;
        private readonly Guid _id = Guid.NewGuid();

        /// <param name="password">The password every credential prompt answers with.</param>
        /// <param name="userAnswer">What the host answers to a prompt for a user name ("" accepts the default).</param>
        /// <param name="composeTarget">Answer as Windows' credential UI does: a given target name is put in front of the user ('target\user').</param>
        public RecordingHost(string password, string userAnswer, bool composeTarget)
        {
            _ui = new RecordingHostUI(password, userAnswer, composeTarget);
        }

        public List<CredentialPromptCall> CredentialPrompts => _ui.CredentialPrompts;
        public List<FieldDescription> PromptedFields => _ui.PromptedFields;

        public override string Name => "RecordingHost";
        public override Version Version => new Version(1, 0);
        public override Guid InstanceId => _id;
        public override PSHostUserInterface UI => _ui;
        public override CultureInfo CurrentCulture => CultureInfo.InvariantCulture;
        public override CultureInfo CurrentUICulture => CultureInfo.InvariantCulture;
        public override void SetShouldExit(int exitCode) { }
        public override void EnterNestedPrompt() => throw new NotSupportedException();
        public override void ExitNestedPrompt() => throw new NotSupportedException();
        public override void NotifyBeginApplication() { }
        public override void NotifyEndApplication() { }
    }

    internal sealed class RecordingHostUI : PSHostUserInterface
    {
        private readonly string _password;
        private readonly string _userAnswer;
        private readonly bool _composeTarget;

        public RecordingHostUI(string password, string userAnswer, bool composeTarget)
        {
            _password = password;
            _userAnswer = userAnswer;
            _composeTarget = composeTarget;
        }

        public List<CredentialPromptCall> CredentialPrompts { get; } = new List<CredentialPromptCall>();
        public List<FieldDescription> PromptedFields { get; } = new List<FieldDescription>();

        public override PSHostRawUserInterface RawUI => null;

        public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions)
        {
            var answers = new Dictionary<string, PSObject>();
            foreach (var field in descriptions)
            {
                PromptedFields.Add(field);
                answers[field.Name] = new PSObject(_userAnswer);
            }
            return answers;
        }

        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) =>
            PromptForCredential(caption, message, userName, targetName, PSCredentialTypes.Default, PSCredentialUIOptions.Default);

        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName,
            PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options)
        {
            CredentialPrompts.Add(new CredentialPromptCall { Caption = caption, Message = message, UserName = userName, TargetName = targetName });
            var user = _composeTarget && !string.IsNullOrEmpty(targetName) && !userName.Contains("\\") ? targetName + "\\" + userName : userName;
            var secure = new SecureString();
            foreach (var c in _password) { secure.AppendChar(c); }
            return new PSCredential(user, secure);
        }

        public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice) =>
            throw new NotSupportedException("RecordingHost answers only credential and field prompts.");
        public override string ReadLine() => throw new NotSupportedException();
        public override SecureString ReadLineAsSecureString() => throw new NotSupportedException();
        public override void Write(string value) { }
        public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) { }
        public override void WriteLine(string value) { }
        public override void WriteErrorLine(string value) { }
        public override void WriteDebugLine(string message) { }
        public override void WriteProgress(long sourceId, ProgressRecord record) { }
        public override void WriteVerboseLine(string message) { }
        public override void WriteWarningLine(string message) { }
    }
}
