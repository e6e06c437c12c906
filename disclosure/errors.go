package disclosure

import "coso"

func invalid(field, vi, en string, args ...any) *coso.Error {
	return coso.Invalid(field, vi, en, args...)
}

// ErrNotPublished reports an action on information that is not (or no
// longer) published.
func ErrNotPublished() *coso.Error {
	return coso.Errorf(coso.EConflict, "", "Thông tin chưa được công khai hoặc đã bị thu hồi.", "The information is not published or has been withdrawn.")
}

// ErrNotDraft reports an edit of information already published.
func ErrNotDraft() *coso.Error {
	return coso.Errorf(coso.EConflict, "", "Chỉ sửa được bản nháp; thông tin đã công khai thì đính chính.", "Only a draft can be edited; published information is corrected instead.")
}
