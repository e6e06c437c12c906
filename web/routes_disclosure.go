package web

import (
	"coso/account"
	"coso/store"
)

// disclosureRoutes are the pages of "Dân biết": what units publish, the
// quarterly checklist, requests for information, and the back office
// that publishes them.
func (s *Server) disclosureRoutes() []Route {
	write := account.DisclosureWrite
	return []Route{
		// Public. Cache: served from the page cache to people not signed in.
		{Method: "GET", Pattern: "/disclosures", Access: public, Handler: s.disclosureSearch, Cache: true, Shows: store.ShowsDisclosures},
		{Method: "GET", Pattern: "/disclosures/{id}", Access: public, Handler: s.disclosurePage, Cache: true, Shows: store.ShowsDisclosures},
		{Method: "GET", Pattern: "/disclosures/{id}/print", Access: public, Handler: s.disclosurePrint, Cache: true, Shows: store.ShowsDisclosures},
		{Method: "GET", Pattern: "/disclosures/{id}/files/{file}", Access: public, Handler: s.disclosureFile},
		{Method: "GET", Pattern: "/disclosures/{id}/notice.pdf", Access: public, Handler: s.noticePDF},
		{Method: "GET", Pattern: "/disclosures/{id}/loudspeaker.txt", Access: public, Handler: s.loudspeakerScript, Cache: true, Shows: store.ShowsDisclosures},
		{Method: "GET", Pattern: "/d/{id}", Access: public, Handler: s.shortLink},
		{Method: "GET", Pattern: "/units/{code}/disclosures", Access: public, Handler: s.unitDisclosures, Cache: true, Shows: store.ShowsDisclosures},
		{Method: "GET", Pattern: "/units/{code}/disclosures.atom", Access: public, Handler: s.disclosureFeed, Cache: true, Shows: store.ShowsDisclosures},
		{Method: "GET", Pattern: "/units/{code}/disclosures/compliance", Access: public, Handler: s.compliancePage, Cache: true, Shows: store.ShowsDisclosures},
		{Method: "GET", Pattern: "/units/{code}/disclosures/compliance.pdf", Access: public, Handler: s.quarterlyPDF},
		{Method: "GET", Pattern: "/units/{code}/information-requests", Access: public, Handler: s.unitRequests, Cache: true, Shows: store.ShowsDisclosures},
		{Method: "GET", Pattern: "/units/{code}/information-requests/new", Access: public, Handler: s.requestForm},
		{Method: "POST", Pattern: "/units/{code}/information-requests", Access: public, Handler: s.createRequest},
		{Method: "GET", Pattern: "/information-requests/{id}", Access: public, Handler: s.requestPage, Cache: true, Shows: store.ShowsDisclosures},

		// Back office.
		{Method: "GET", Pattern: "/admin/disclosures", Access: write, Handler: s.adminDisclosures},
		{Method: "GET", Pattern: "/admin/units/{code}/disclosures/new", Access: write, Handler: s.newDisclosureForm},
		{Method: "POST", Pattern: "/admin/units/{code}/disclosures", Access: write, Handler: s.createDisclosure},
		{Method: "GET", Pattern: "/admin/disclosures/{id}", Access: write, Handler: s.adminDisclosure, Unit: unitOfDisclosure},
		{Method: "POST", Pattern: "/admin/disclosures/{id}", Access: write, Handler: s.updateDraft, Unit: unitOfDisclosure},
		{Method: "POST", Pattern: "/admin/disclosures/{id}/publish", Access: write, Handler: s.publishDisclosure, Unit: unitOfDisclosure},
		{Method: "POST", Pattern: "/admin/disclosures/{id}/correct", Access: write, Handler: s.correctDisclosure, Unit: unitOfDisclosure},
		{Method: "POST", Pattern: "/admin/disclosures/{id}/withdraw", Access: write, Handler: s.withdrawDisclosure, Unit: unitOfDisclosure},
		{Method: "POST", Pattern: "/admin/disclosures/{id}/extend", Access: write, Handler: s.extendPosting, Unit: unitOfDisclosure},
		{Method: "POST", Pattern: "/admin/disclosures/{id}/uses", Access: write, Handler: s.recordUse, Unit: unitOfDisclosure},
		{Method: "POST", Pattern: "/admin/disclosures/{id}/files", Access: write, Handler: s.uploadFile, Unit: unitOfDisclosure},
		{Method: "GET", Pattern: "/admin/information-requests", Access: write, Handler: s.adminRequests},
		{Method: "GET", Pattern: "/admin/information-requests/{id}", Access: write, Handler: s.adminRequest, Unit: unitOfRequest},
		{Method: "POST", Pattern: "/admin/information-requests/{id}/answer", Access: write, Handler: s.answerRequest, Unit: unitOfRequest},
		{Method: "POST", Pattern: "/admin/information-requests/{id}/extend", Access: write, Handler: s.extendRequest, Unit: unitOfRequest},
		{Method: "GET", Pattern: "/admin/calendar", Access: account.CalendarManage, Handler: s.calendarPage},
		{Method: "POST", Pattern: "/admin/calendar", Access: account.CalendarManage, Handler: s.setHoliday},
		{Method: "POST", Pattern: "/admin/calendar/remove", Access: account.CalendarManage, Handler: s.removeHoliday},
	}
}
