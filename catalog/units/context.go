package units

import "strings"

// Unit words in context. A short Danish word of the vocabulary that is
// spelled like an active Rec 20 code of another meaning ("ps" pose, PS
// pound-force per square inch; "fl" flaske, FL flake ton; "md" måned, MD
// air dry metric ton) is read as the word, but in a catalogue whose column
// headers are Danish it is also reported as ambiguous, the Danish reading
// first and the code as the alternative, so that it is never taken for
// either silently. The words are found from the tables, not listed: every
// alias that Lookup also finds as an active code other than its own.

// sameCount are the codes a word shadows without changing what is counted:
// STK is a stick of cigarettes, counted in pieces exactly as "stk" (stykke)
// means. Reporting every "stk" of every Danish catalogue would bury the
// real ambiguities.
var sameCount = map[string]bool{"STK": true}

// danishShadows maps each such word to the alternatives it has in a Danish
// catalogue: the word's own alternatives, then the code it is spelled like.
var danishShadows = func() map[string][]string {
	m := map[string][]string{}
	for w, a := range aliases {
		i, ok := index(w)
		if !ok {
			continue
		}
		u := table[i]
		if u.Status != Active || current(u.Code) == a.code || sameCount[u.Code] {
			continue
		}
		m[w] = append(append([]string(nil), a.alts...), u.Code)
	}
	return m
}()

// DanishShadows returns the vocabulary's words that are read differently
// in a Danish catalogue, each with the code it is also spelled like.
func DanishShadows() map[string]string {
	out := make(map[string]string, len(danishShadows))
	for w, alts := range danishShadows {
		out[w] = alts[len(alts)-1]
	}
	return out
}

// ResolveIn is Resolve for a catalogue written in lang (an ISO 639-1 code
// from its column headers, "" when unknown): in a Danish catalogue a word
// spelled like an active code of another meaning comes back with that code
// among its Alternatives. It does not allocate.
func ResolveIn(text, lang string) (Resolution, bool) {
	r, ok := Resolve(text)
	if !ok || !r.ByAlias || lang != "da" {
		return r, ok
	}
	var buf [maxWordLen]byte
	word := fold(&buf, strings.TrimSpace(text))
	if alts, shadow := danishShadows[string(word)]; shadow {
		r.Alternatives = alts
	}
	return r, ok
}

// ContextAlternatives returns the alternatives text has in a catalogue
// written in lang beyond those Resolve gives.
func ContextAlternatives(text, lang string) []string {
	r, ok := Resolve(text)
	rc, _ := ResolveIn(text, lang)
	if !ok || len(rc.Alternatives) == len(r.Alternatives) {
		return nil
	}
	return rc.Alternatives[len(r.Alternatives):]
}
