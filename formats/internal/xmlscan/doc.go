// Package xmlscan is the hardened XML tokenizer that ekatalog's XML readers
// (UBL, BMEcat, cXML) share: a pull scanner over a sliding buffer that
// returns slices of that buffer and allocates nothing per token, with
// bounds on the size of a single token, and the transcoding of a document
// into UTF-8 from its byte order mark or XML declaration.
//
// It never fetches anything a document names and never expands an entity
// a document declares. By default a DOCTYPE with entity declarations is
// refused; AllowDTD lets a DOCTYPE's internal subset hold parameter entity,
// element and attribute-list declarations (BMEcat 1.x), which are skipped,
// while a general entity declaration is still refused.
//
// The scanner is not an XML parser: it does not match tags or resolve
// namespaces. Readers do that with what it returns (see formats/ubl).
package xmlscan
