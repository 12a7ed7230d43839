/* newswiki: search for names as readers spell them. Material's lunr search matches exact
   words; readers type "Pashinian" for Pashinyan or "Lukašenka" for Lukashenka. Before a query
   reaches Material's search worker, each word is also searched without diacritics and with one
   letter of slack (lunr's "~1"). A query that already uses search syntax is left alone.
   Page text still carries every alias and transliteration, so other search engines find them too. */
(function () {
  "use strict";
  var QUERY = 2;        // Material's search worker message type for a query (SearchMessageType.QUERY)
  var FUZZY_MIN = 6;    // shorter words with one letter of slack match too many unrelated words
  var post = Worker.prototype.postMessage;

  function fold(word) {
    return word.normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  }

  function widen(query) {
    if (/[~*^:+\-"]/.test(query)) return query;
    var extra = [];
    query.trim().split(/\s+/).forEach(function (word) {
      if (!word) return;
      var plain = fold(word);
      if (plain !== word) extra.push(plain);
      if (plain.length >= FUZZY_MIN) extra.push(plain + "~1");
    });
    return extra.length ? query + " " + extra.join(" ") : query;
  }

  Worker.prototype.postMessage = function (message) {
    if (message && message.type === QUERY && typeof message.data === "string") {
      var widened = { type: message.type, data: widen(message.data) };
      return post.apply(this, [widened].concat(Array.prototype.slice.call(arguments, 1)));
    }
    return post.apply(this, arguments);
  };
})();
