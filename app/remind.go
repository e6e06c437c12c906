package app

import (
	"context"
	"time"
)

// remindEvery is how often due disclosures and requests are looked for;
// each is reminded at most once a day per official (the reminders table
// says which were sent), so the hour only bounds how late in the day the
// reminder comes.
const remindEvery = time.Hour

// remindLoop queues reminders of what is due or overdue until ctx ends:
// disclosures and requests for information, and petitions (whose overdue
// cases also go to the superior unit's officers).
func (a *App) remindLoop(ctx context.Context) {
	base := a.cfg.PublicURL
	if base == "" {
		base = "http://" + a.cfg.Addr
	}
	t := time.NewTicker(remindEvery)
	defer t.Stop()
	for {
		if n, err := a.Store.RemindDue(ctx, base); err != nil {
			if ctx.Err() != nil {
				return
			}
			a.log.Warn("disclosure reminders", "err", err)
		} else if n > 0 {
			a.log.Info("disclosure reminders queued", "messages", n)
		}
		if n, err := a.Store.RemindPetitions(ctx, base); err != nil {
			if ctx.Err() != nil {
				return
			}
			a.log.Warn("petition reminders", "err", err)
		} else if n > 0 {
			a.log.Info("petition reminders queued", "messages", n)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
