package app

import (
	"context"
	"time"
)

// remindEvery is how often due disclosures, requests, community
// decisions and petitions are looked for; each is reminded at most once a day per
// official (the reminders table says which were sent), so the hour only
// bounds how late in the day the reminder comes.
const remindEvery = time.Hour

// publicBase is the portal's address for links in messages.
func publicBase(cfg Config) string {
	if cfg.PublicURL != "" {
		return cfg.PublicURL
	}
	return "http://" + cfg.Addr
}

// remindLoop queues reminders of what is due or overdue, and the
// announcements of recognised decisions that were not announced yet,
// until ctx ends.
func (a *App) remindLoop(ctx context.Context) {
	base := publicBase(a.cfg)
	t := time.NewTicker(remindEvery)
	defer t.Stop()
	for {
		jobs := []struct {
			name string
			run  func(context.Context, string) (int, error)
		}{
			{"disclosure reminders", a.Store.RemindDue},
			{"decision reminders", a.Store.RemindDecisions},
			{"decision announcements", a.Store.AnnounceDecisions},
			{"petition reminders", a.Store.RemindPetitions}, // overdue cases also go to the superior unit
		}
		for _, j := range jobs {
			if n, err := j.run(ctx, base); err != nil {
				if ctx.Err() != nil {
					return
				}
				a.log.Warn(j.name, "err", err)
			} else if n > 0 {
				a.log.Info(j.name+" queued", "messages", n)
			}
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
