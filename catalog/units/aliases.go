package units

// alias is what a free-text word stands for.
type alias struct {
	code string
	// alts are other codes the word is commonly used for, so that callers can
	// warn instead of trusting the guess. Shared: never modified.
	alts []string
}

// Alternatives of the ambiguous words. A Danish "kasse" is as often a carton
// (papkasse) or a crate (ølkasse, plastkasse) as a case.
var (
	caseAlts   = []string{"XCT", "XCR"}
	canAlts    = []string{"XCA", "XTN"} // dåse: cylindrical is the usual can, but rectangular cans and tins are dåser too
	rollAlts   = []string{"XRL"}        // "rl" is rulle, but the retired code RL was reel
	bucketAlts = []string{"XPL"}        // spand: bucket or pail
	setAlts    = []string{"KT"}         // sæt: a set, or a kit
	blockAlts  = []string{"XOK"}        // blok: usually a pad sold per piece; XOK is a solid block
	trayAlts   = []string{"XBX", "XBK"} // bk: bakke, sometimes boks; the retired code BK was basket
	tonneAlts  = []string{"HUR"}        // t: tonne for goods, time (hour) on service lines
)

// aliases maps a free-text word, folded to lower case, to its code. Every
// target is an active code valid in Peppol (the tests check this). Where a
// word is spelled like an unrelated code, the word wins, because a Danish
// supplier writing "STK", "FL" or "MD" means stykke, flaske or måned, not
// cigarette sticks, flake tons or air-dry tons; the tests list every such
// case.
var aliases = map[string]alias{
	// Piece. "ea"/"each" keep EA, which is just as valid and says the same.
	"stk":     {code: "H87"},
	"stk.":    {code: "H87"},
	"stks":    {code: "H87"},
	"styk":    {code: "H87"},
	"stykke":  {code: "H87"},
	"stykker": {code: "H87"},
	"pc":      {code: "H87"},
	"pcs":     {code: "H87"},
	"pcs.":    {code: "H87"},
	"pce":     {code: "H87"},
	"piece":   {code: "H87"},
	"pieces":  {code: "H87"},
	"ea":      {code: "EA"},
	"ea.":     {code: "EA"},
	"each":    {code: "EA"},
	"blok":    {code: "H87", alts: blockAlts},
	"blokke":  {code: "H87", alts: blockAlts},

	// Package. PK was Rec 20's "pack" (synonym package), so XPK fits all.
	"pk":        {code: "XPK"},
	"pk.":       {code: "XPK"},
	"pakke":     {code: "XPK"},
	"pakker":    {code: "XPK"},
	"pakning":   {code: "XPK"},
	"pakninger": {code: "XPK"},
	"pack":      {code: "XPK"},
	"packs":     {code: "XPK"},
	"package":   {code: "XPK"},
	"packages":  {code: "XPK"},
	"kolli":     {code: "XPK"}, // a shipping package of any kind
	"packet":    {code: "XPA"},
	"packets":   {code: "XPA"},

	// Box.
	"æske":     {code: "XBX"},
	"æsker":    {code: "XBX"},
	"æsk":      {code: "XBX"},
	"æsk.":     {code: "XBX"},
	"aeske":    {code: "XBX"},
	"ask":      {code: "XBX"}, // æske typed without æ
	"boks":     {code: "XBX"},
	"bokse":    {code: "XBX"},
	"box":      {code: "XBX"},
	"boxes":    {code: "XBX"},
	"karton":   {code: "XCT"},
	"krt":      {code: "XCT"},
	"krt.":     {code: "XCT"},
	"carton":   {code: "XCT"},
	"cartons":  {code: "XCT"},
	"papkasse": {code: "XCT"},

	// Case, carton or crate.
	"kasse":  {code: "XCS", alts: caseAlts},
	"kasser": {code: "XCS", alts: caseAlts},
	"ks":     {code: "XCS", alts: caseAlts},
	"ks.":    {code: "XCS", alts: caseAlts},
	"case":   {code: "XCS"},
	"cases":  {code: "XCS"},
	"crate":  {code: "XCR"},
	"crates": {code: "XCR"},

	// Bags and sacks.
	"pose":  {code: "XBG"},
	"poser": {code: "XBG"},
	"ps":    {code: "XBG"}, // pose; PS is pound-force per square inch (see danishShadows)
	"ps.":   {code: "XBG"},
	"bag":   {code: "XBG"},
	"bags":  {code: "XBG"},
	"sæk":   {code: "XSA"},
	"sække": {code: "XSA"},
	"sack":  {code: "XSA"},

	// Rolls.
	"rulle":  {code: "XRO"},
	"ruller": {code: "XRO"},
	"rl":     {code: "XRO", alts: rollAlts},
	"rl.":    {code: "XRO", alts: rollAlts},
	"roll":   {code: "XRO"},
	"rolls":  {code: "XRO"},

	// Sets and pairs.
	"sæt":   {code: "SET", alts: setAlts},
	"sæt.":  {code: "SET", alts: setAlts},
	"saet":  {code: "SET", alts: setAlts},
	"set":   {code: "SET"},
	"sets":  {code: "SET"},
	"kit":   {code: "KT"},
	"par":   {code: "PR"},
	"pair":  {code: "PR"},
	"pairs": {code: "PR"},
	"dusin": {code: "DZN"},
	"dozen": {code: "DZN"},

	// Sheets. ST (sheet) is retired; its Rec 21 twin is XST.
	"ark":    {code: "XST"},
	"sheet":  {code: "XST"},
	"sheets": {code: "XST"},

	// Bottles, cans, tubes and other containers.
	"flaske":  {code: "XBO"},
	"flasker": {code: "XBO"},
	"fl":      {code: "XBO"},
	"fl.":     {code: "XBO"},
	"bottle":  {code: "XBO"},
	"bottles": {code: "XBO"},
	"dåse":    {code: "XCX", alts: canAlts},
	"dåser":   {code: "XCX", alts: canAlts},
	"daase":   {code: "XCX", alts: canAlts},
	"ds":      {code: "XCX", alts: canAlts},
	"ds.":     {code: "XCX", alts: canAlts},
	"can":     {code: "XCX", alts: canAlts},
	"cans":    {code: "XCX", alts: canAlts},
	"tin":     {code: "XTN"},
	"tube":    {code: "XTU"},
	"tuber":   {code: "XTU"},
	"tubes":   {code: "XTU"},
	"spand":   {code: "XBJ", alts: bucketAlts},
	"spande":  {code: "XBJ", alts: bucketAlts},
	"bucket":  {code: "XBJ"},
	"pail":    {code: "XPL"},
	"bøtte":   {code: "XTB"},
	"bakke":   {code: "XPU"},
	"bakker":  {code: "XPU"},
	"bk":      {code: "XPU", alts: trayAlts},
	"bk.":     {code: "XPU", alts: trayAlts},
	"tray":    {code: "XPU"},
	"bundt":   {code: "XBE"},
	"bundle":  {code: "XBE"},
	"palle":   {code: "XPX"},
	"paller":  {code: "XPX"},
	"pallet":  {code: "XPX"},
	"pallets": {code: "XPX"},

	// Volume.
	"l":      {code: "LTR"},
	"l.":     {code: "LTR"},
	"ltr":    {code: "LTR"},
	"ltr.":   {code: "LTR"},
	"liter":  {code: "LTR"},
	"litre":  {code: "LTR"},
	"liters": {code: "LTR"},
	"litres": {code: "LTR"},
	"dl":     {code: "DLT"},
	"cl":     {code: "CLT"},
	"ml":     {code: "MLT"},
	"hl":     {code: "HLT"},
	"m3":     {code: "MTQ"},
	"m³":     {code: "MTQ"},

	// Mass.
	"kg":    {code: "KGM"},
	"kg.":   {code: "KGM"},
	"kilo":  {code: "KGM"},
	"g":     {code: "GRM"},
	"g.":    {code: "GRM"},
	"gr":    {code: "GRM"},
	"gr.":   {code: "GRM"},
	"gram":  {code: "GRM"},
	"mg":    {code: "MGM"},
	"t":     {code: "TNE", alts: tonneAlts},
	"ton":   {code: "TNE"},
	"tons":  {code: "TNE"},
	"tonne": {code: "TNE"},

	// Length and area.
	"m":             {code: "MTR"},
	"m.":            {code: "MTR"},
	"meter":         {code: "MTR"},
	"metre":         {code: "MTR"},
	"meters":        {code: "MTR"},
	"metres":        {code: "MTR"},
	"lbm":           {code: "MTR"}, // løbende meter
	"løbende meter": {code: "MTR"},
	"cm":            {code: "CMT"},
	"mm":            {code: "MMT"},
	"km":            {code: "KMT"},
	"m2":            {code: "MTK"},
	"m²":            {code: "MTK"},
	"kvm":           {code: "MTK"},

	// Time.
	"time":     {code: "HUR"},
	"timer":    {code: "HUR"},
	"hour":     {code: "HUR"},
	"hours":    {code: "HUR"},
	"minut":    {code: "MIN"},
	"minutter": {code: "MIN"},
	"dag":      {code: "DAY"},
	"dage":     {code: "DAY"},
	"døgn":     {code: "DAY"},
	"day":      {code: "DAY"},
	"days":     {code: "DAY"},
	"uge":      {code: "WEE"},
	"uger":     {code: "WEE"},
	"week":     {code: "WEE"},
	"weeks":    {code: "WEE"},
	"md":       {code: "MON"},
	"md.":      {code: "MON"},
	"mdr":      {code: "MON"},
	"mdr.":     {code: "MON"},
	"måned":    {code: "MON"},
	"måneder":  {code: "MON"},
	"month":    {code: "MON"},
	"months":   {code: "MON"},
	"år":       {code: "ANN"},
	"year":     {code: "ANN"},
	"years":    {code: "ANN"},

	// Energy.
	"kwh": {code: "KWH"},

	// German, Swedish and Norwegian words of suppliers whose headers are
	// read too (mappings/headers.json). "st" (Swedish styck) is left out:
	// ST is a sheet.
	"stück":       {code: "H87"},
	"stck":        {code: "H87"},
	"stck.":       {code: "H87"},
	"styck":       {code: "H87"},
	"stykk":       {code: "H87"},
	"packung":     {code: "XPK"},
	"pckg":        {code: "XPK"},
	"pckg.":       {code: "XPK"},
	"förpackning": {code: "XPK"},
	"förp":        {code: "XPK"},
	"förp.":       {code: "XPK"},
	"kartong":     {code: "XCT"},
	"schachtel":   {code: "XBX"},
	"eske":        {code: "XBX"},
	"esker":       {code: "XBX"},
	"beutel":      {code: "XBG"},
	"påse":        {code: "XBG"},
	"rolle":       {code: "XRO"},
	"rull":        {code: "XRO"},
	"flasche":     {code: "XBO"},
	"flaska":      {code: "XBO"},
	"dose":        {code: "XCX", alts: canAlts},
	"burk":        {code: "XCX", alts: canAlts},
	"paar":        {code: "PR"},
	"säck":        {code: "XSA"},
	"sekk":        {code: "XSA"},
	"palette":     {code: "XPX"},
	"pall":        {code: "XPX"},
	"stunde":      {code: "HUR"},
	"timme":       {code: "HUR"},
}
