package site

import (
	"net/url"

	"github.com/tradeoffs/tradeoffs/generator/internal/content"
	"github.com/tradeoffs/tradeoffs/generator/internal/socialcard"
)

// Sharing: what a link to a page shows where it is shared. Every page has
// a social card (og:image), drawn at build (see cards.go) from what the
// page's list entry and the site's settings say, so it is known without
// making the page's view. The head's Open Graph tags and structured data (structured.go)
// come from the view.

// cardsDir is the output folder of the social cards, each named by its
// key: a card that changes gets a new address, which the services that
// keep a copy of a shared link's picture have not seen.
const cardsDir = "social"

// cardPath is the output path of the card with key.
func cardPath(key string) string { return cardsDir + "/" + key + ".png" }

// pageCard is the card of a content page, section or the home page.
func (s *build) pageCard(p *page) socialcard.Card {
	l := s.link(p)
	c := s.card(l.Title, "")
	switch p.Kind {
	case content.KindHome:
		c.Detail = typeset(s.cfg.Description)
	case content.KindSection:
		if l.SectionTitle != l.Title {
			c.Section = l.SectionTitle
		}
	default:
		c.Section, c.Byline, c.Detail = l.SectionTitle, l.Company, l.Outcome
	}
	return c
}

// card is a card with the site's name and address.
func (s *build) card(title, section string) socialcard.Card {
	return socialcard.Card{Title: title, Section: section, Site: typeset(s.cfg.Title), Host: s.host()}
}

// host is the site's address as a reader would type it.
func (s *build) host() string {
	if u, err := url.Parse(s.cfg.BaseURL); err == nil && u.Host != "" {
		return u.Host
	}
	return ""
}

// cardView is the view of a card.
func (s *build) cardView(c socialcard.Card) *CardView {
	return &CardView{URL: s.absURL("/" + cardPath(c.Key())), Width: socialcard.Width, Height: socialcard.Height, Alt: c.Alt()}
}

// share completes a view with its card and structured data.
func (s *build) share(v *PageView, c socialcard.Card) *PageView {
	v.Card = s.cardView(c)
	v.StructuredData = s.structuredData(v)
	return v
}
