import { parseDeclaration, readDeclaration } from './udhr-corpus';

describe('parseDeclaration', () => {
  it('reads the preamble as article 0 and each article by number, paragraphs and list items', () => {
    const html = `<body><h1>Title</h1>
      <header><h2>Preamble</h2><p>Whereas  a &amp; b,</p><p>Now.</p></header>
      <article data-number="1"><h2>Article 1</h2><p>All are <em>free</em>.</p></article>
      <article data-number="2"><h2>Article 2</h2><ol><li>One &#x263A;</li><li>Two &#233;</li></ol></article>
    </body>`;
    expect(parseDeclaration(html)).toEqual([
      { number: 0, paragraphs: ['Whereas a & b,', 'Now.'] },
      { number: 1, paragraphs: ['All are free.'] },
      { number: 2, paragraphs: ['One ☺', 'Two é'] },
    ]);
  });

  it('finds the 30 articles and the preamble in a packaged translation', () => {
    const articles = readDeclaration('eng');
    expect(articles.map((a) => a.number)).toEqual(Array.from({ length: 31 }, (_, i) => i));
    expect(articles[1].paragraphs[0]).toMatch(/^All human beings are born free/);
  });
});
