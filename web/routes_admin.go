package web

import "coso/account"

// adminRoutes are the administrators' pages: accounts and roles, the
// audit trail and the outbox. Lists take the unit from the "unit" query
// value (default: the official's first unit); pages about one account or
// message find their unit from the record.
func (s *Server) adminRoutes() []Route {
	var (
		read   = accountUnit(account.AccountRead, false)
		manage = accountUnit(account.AccountManage, true)
	)
	return []Route{
		{Method: "GET", Pattern: "/admin/accounts", Access: account.AccountRead, Handler: s.accountsPage},
		{Method: "GET", Pattern: "/admin/accounts/new", Access: account.AccountManage, Handler: s.newAccountForm},
		{Method: "POST", Pattern: "/admin/accounts", Access: account.AccountManage, Handler: s.createAccount},
		{Method: "GET", Pattern: "/admin/accounts/{id}", Access: account.AccountRead, Handler: s.accountPage, Unit: read},
		// Granting and revoking are checked on the unit of the role (the
		// "unit" form value); grantRole also checks the account.
		{Method: "POST", Pattern: "/admin/accounts/{id}/grant", Access: account.AccountManage, Handler: s.grantRole},
		{Method: "POST", Pattern: "/admin/accounts/{id}/revoke", Access: account.AccountManage, Handler: s.revokeRole},
		{Method: "POST", Pattern: "/admin/accounts/{id}/disable", Access: account.AccountManage, Handler: s.disableAccount, Unit: manage},
		{Method: "POST", Pattern: "/admin/accounts/{id}/enable", Access: account.AccountManage, Handler: s.enableAccount, Unit: manage},
		{Method: "POST", Pattern: "/admin/accounts/{id}/totp-reset", Access: account.AccountManage, Handler: s.resetTOTP, Unit: manage},

		{Method: "GET", Pattern: "/admin/audit", Access: account.AuditRead, Handler: s.auditPage},
		{Method: "GET", Pattern: "/admin/audit.csv", Access: account.AuditRead, Handler: s.auditCSV},

		{Method: "GET", Pattern: "/admin/outbox", Access: account.OutboxRead, Handler: s.outboxPage},
		{Method: "POST", Pattern: "/admin/outbox/{id}/retry", Access: account.OutboxRetry, Handler: s.retryMessage, Unit: outboxUnit},
	}
}
