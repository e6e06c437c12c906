package disclosure

import "coso"

func invalid(field, vi, en string, args ...any) *coso.Error {
	return coso.Invalid(field, vi, en, args...)
}

func errNotPublished() *coso.Error {
	return coso.Errorf(coso.EConflict, "", "Thông tin chưa được công khai hoặc đã bị thu hồi.", "The information is not published or has been withdrawn.")
}

func errNotDraft() *coso.Error {
	return coso.Errorf(coso.EConflict, "", "Chỉ sửa được bản nháp; thông tin đã công khai thì đính chính.", "Only a draft can be edited; published information is corrected instead.")
}
