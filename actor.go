package coso

import "context"

// Actor is who acts in a request: an official or citizen, the role they act
// in and the unit that role is granted on, and where the request came from.
// The audit trail records it with every change.
type Actor struct {
	UserID   int64
	Username string
	Role     string
	UnitID   int64
	Addr     string
}

// System is the actor for changes made by the platform itself (imports from
// the command line, the demo loader, timers).
var System = Actor{Username: "system", Role: "system"}

type actorKey struct{}

// WithActor returns a context that carries a.
func WithActor(ctx context.Context, a Actor) context.Context {
	return context.WithValue(ctx, actorKey{}, a)
}

// ActorFrom returns the actor of ctx, or System when none is set.
func ActorFrom(ctx context.Context) Actor {
	if a, ok := ctx.Value(actorKey{}).(Actor); ok {
		return a
	}
	return System
}
