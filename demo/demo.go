// Package demo loads a deterministic demonstration province into an empty
// store: Thanh Hóa with its real 166 communes and wards (from the national
// statistics office's codes), made-up villages in four of them, and
// made-up households. Every page of a demo server says it is demo data.
package demo

import (
	"bytes"
	"context"
	_ "embed"
	"fmt"
	"time"

	"coso"
	"coso/place"
	"coso/store"
)

// thanhHoaCSV lists Thanh Hóa and its 166 commune-level units as in force
// since 1 July 2025 (source: the MIT-licensed dataset
// thanglequoc/vietnamese-provinces-database).
//
//go:embed thanh-hoa.csv
var thanhHoaCSV []byte

// Seed makes the demo the same on every machine.
const Seed = 20250701

// ProvinceCode is the demo province.
const ProvinceCode = "38"

// demoCommune is a real commune that gets made-up villages.
type demoCommune struct {
	Code     string
	Remote   bool
	Villages []village
}

type village struct {
	Suffix string
	Name   string
	Kind   place.Kind
	// Households, when set, is the village's size; otherwise it is drawn
	// between MinHouseholds and MaxHouseholds.
	Households int
}

// communes are real units of Thanh Hóa: two wards of the city centre, a
// lowland commune and a remote mountain commune on the Lao border.
var communes = []demoCommune{
	{Code: "14797", Villages: []village{
		{"01", "Tổ dân phố Đông Hương", place.ResidentialGroup, 0},
		{"02", "Tổ dân phố Phú Thọ", place.ResidentialGroup, 0},
		{"03", "Tổ dân phố Lam Sơn", place.ResidentialGroup, 0},
		{"04", "Tổ dân phố Ba Đình", place.ResidentialGroup, 0},
	}},
	{Code: "14758", Villages: []village{
		{"01", "Tổ dân phố Hàm Rồng 1", place.ResidentialGroup, 0},
		{"02", "Tổ dân phố Nam Ngạn", place.ResidentialGroup, 0},
		{"03", "Tổ dân phố Đông Sơn", place.ResidentialGroup, 0},
		// Large enough to meet by clusters (200 households or more).
		{"04", "Tổ dân phố Hàm Rồng 2", place.ResidentialGroup, BigVillage},
	}},
	{Code: "15865", Villages: []village{
		{"01", "Thôn Nghĩa Trang", place.Village, 0},
		{"02", "Thôn Phượng Mao", place.Village, 0},
		{"03", "Thôn Đồng Lạc", place.Village, 0},
		{"04", "Thôn Bút Sơn", place.Village, 0},
		{"05", "Thôn Kim Sơn", place.Village, 0},
	}},
	{Code: "14845", Remote: true, Villages: []village{
		{"01", "Bản Lát", place.Village, 0},
		{"02", "Bản Pù Toong", place.Village, 0},
		{"03", "Bản Sài Khao", place.Village, 0},
	}},
}

// Load fills an empty store with the demo. On a store that already holds
// units it does nothing, so restarting a demo server keeps what people did.
func Load(ctx context.Context, s *store.Store) (loaded bool, err error) {
	existing, err := s.Units(ctx, store.UnitFilter{TopLevel: true, WithEnded: true, Limit: 1})
	if err != nil {
		return false, err
	}
	if len(existing) > 0 {
		return false, nil
	}
	ctx = coso.WithActor(ctx, coso.Actor{Username: "demo", Role: "system"})
	rows, err := place.ReadCSV(bytes.NewReader(thanhHoaCSV))
	if err != nil {
		return false, fmt.Errorf("demo units: %w", err)
	}
	for _, c := range communes {
		for _, v := range c.Villages {
			rows = append(rows, place.Row{Unit: place.Unit{Code: c.Code + "." + v.Suffix, Name: v.Name, Kind: v.Kind, ParentCode: c.Code, Remote: c.Remote}})
		}
	}
	if _, err := s.ImportUnits(ctx, rows); err != nil {
		return false, fmt.Errorf("demo units: %w", err)
	}
	for _, c := range communes {
		if c.Remote {
			u, err := s.UnitByCode(ctx, c.Code)
			if err != nil {
				return false, err
			}
			u.Remote = true
			if err := s.UpdateUnit(ctx, u, time.Time{}, "demo"); err != nil {
				return false, err
			}
		}
	}
	if err := loadHouseholds(ctx, s); err != nil {
		return false, err
	}
	if err := loadDisclosures(ctx, s); err != nil {
		return false, fmt.Errorf("demo disclosures: %w", err)
	}
	if err := loadDecisions(ctx, s); err != nil {
		return false, fmt.Errorf("demo decisions: %w", err)
	}
	if err := loadPetitions(ctx, s); err != nil {
		return false, fmt.Errorf("demo petitions: %w", err)
	}
	if err := loadConsultations(ctx, s); err != nil {
		return false, fmt.Errorf("demo consultations: %w", err)
	}
	return true, nil
}
