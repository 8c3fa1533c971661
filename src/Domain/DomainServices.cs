using NumbersBot.Domain.Actions;
using NumbersBot.Domain.Audit;

namespace NumbersBot.Domain;

/// <summary>Every handler and domain service, for the host to register; kept here so a new action is added in one place.</summary>
public static class DomainServices
{
    public static IReadOnlyList<Type> Scoped { get; } =
    [
        typeof(ProjectGate), typeof(Telephony.TelephonySteps), typeof(AuditLog), typeof(VariantEditing), typeof(Access.AccessControl),
        typeof(Approvals.ApprovalLedger), typeof(Approvals.ApprovalRelease), typeof(WithdrawApprovalHandler), typeof(RetryReleaseHandler), typeof(ShowApprovalHandler),
        typeof(ShowNumbersHandler), typeof(AddNumberHandler), typeof(ConnectNumberHandler), typeof(ReassignVariantHandler),
        typeof(DeleteNumberHandler), typeof(DecideApprovalHandler), typeof(ExpireApprovalsHandler), typeof(ListApprovalsHandler),
        typeof(ShowHistoryHandler), typeof(CreateVariantHandler), typeof(RenameVariantHandler), typeof(DeleteVariantHandler),
        typeof(PublishProjectHandler), typeof(PromoteVersionHandler), typeof(GrantAccessHandler),
        typeof(ProjectAdministration), typeof(CreateProjectHandler), typeof(RenameProjectHandler), typeof(ArchiveProjectHandler),
        typeof(SetSipAddressesHandler), typeof(ChooseTelephonyIntegrationHandler), typeof(ListProjectsHandler), typeof(ChooseProjectHandler),
        typeof(ShowProjectHistoryHandler), typeof(ShowAccessHistoryHandler), typeof(ShowProjectHandler),
        typeof(AccessChanges), typeof(RevokeAccessHandler), typeof(ShowAccessHandler), typeof(ShowVariantsHandler), typeof(PreviewPromotionHandler),
        typeof(ReviewLiveChangeHandler), typeof(Telephony.TestCallRuns), typeof(TestCallHandler),
        typeof(Telephony.BoughtNumbers), typeof(SettlePurchaseHandler),
    ];
}
