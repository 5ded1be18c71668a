export interface CatalogEntry {
  text: string;
  author: string;
  /** BCP 47 language tag of the text. */
  language: string;
}

const en = (text: string, author: string): CatalogEntry => ({ text, author, language: 'en' });

/** The quotes served, each in the language it was first written or said in. */
export const QUOTE_CATALOG: readonly CatalogEntry[] = [
  en('Simplicity is prerequisite for reliability.', 'Edsger W. Dijkstra'),
  en(
    'Program testing can be used to show the presence of bugs, but never to show their absence!',
    'Edsger W. Dijkstra',
  ),
  en(
    'The question of whether a computer can think is no more interesting than the question of whether a submarine can swim.',
    'Edsger W. Dijkstra',
  ),
  en('Premature optimization is the root of all evil.', 'Donald Knuth'),
  en(
    'Beware of bugs in the above code; I have only proved it correct, not tried it.',
    'Donald Knuth',
  ),
  en('Talk is cheap. Show me the code.', 'Linus Torvalds'),
  en(
    'Bad programmers worry about the code. Good programmers worry about data structures and their relationships.',
    'Linus Torvalds',
  ),
  en(
    'Programs must be written for people to read, and only incidentally for machines to execute.',
    'Harold Abelson',
  ),
  en(
    'Any fool can write code that a computer can understand. Good programmers write code that humans can understand.',
    'Martin Fowler',
  ),
  en(
    "The most dangerous phrase in the language is, 'We've always done it this way.'",
    'Grace Hopper',
  ),
  en('Controlling complexity is the essence of computer programming.', 'Brian Kernighan'),
  en(
    "Everyone knows that debugging is twice as hard as writing a program in the first place. So if you're as clever as you can be when you write it, how will you ever debug it?",
    'Brian Kernighan',
  ),
  en('Adding manpower to a late software project makes it later.', 'Fred Brooks'),
  en(
    'The bearing of a child takes nine months, no matter how many women are assigned.',
    'Fred Brooks',
  ),
  en(
    "Show me your flowcharts and conceal your tables, and I shall continue to be mystified. Show me your tables, and I won't usually need your flowcharts; they'll be obvious.",
    'Fred Brooks',
  ),
  en(
    'There are two ways of constructing a software design: One way is to make it so simple that there are obviously no deficiencies, and the other way is to make it so complicated that there are no obvious deficiencies.',
    'C. A. R. Hoare',
  ),
  en('The best way to predict the future is to invent it.', 'Alan Kay'),
  en('Simple things should be simple, complex things should be possible.', 'Alan Kay'),
  en('Make it work, make it right, make it fast.', 'Kent Beck'),
  en(
    'Walking on water and developing software from a specification are easy if both are frozen.',
    'Edward V. Berard',
  ),
  en(
    'Organizations which design systems are constrained to produce designs which are copies of the communication structures of these organizations.',
    'Melvin Conway',
  ),
  en(
    "A distributed system is one in which the failure of a computer you didn't even know existed can render your own computer unusable.",
    'Leslie Lamport',
  ),
  en(
    "The cheapest, fastest, and most reliable components are those that aren't there.",
    'Gordon Bell',
  ),
  en(
    "It always takes longer than you expect, even when you take into account Hofstadter's Law.",
    'Douglas Hofstadter',
  ),
  en('Those who cannot remember the past are condemned to repeat it.', 'George Santayana'),
  en('Be conservative in what you do, be liberal in what you accept from others.', 'Jon Postel'),
  en(
    'We reject: kings, presidents and voting. We believe in: rough consensus and running code.',
    'David D. Clark',
  ),
  en('Software is getting slower more rapidly than hardware becomes faster.', 'Niklaus Wirth'),
  en('The purpose of computing is insight, not numbers.', 'Richard Hamming'),
  en('Any sufficiently advanced technology is indistinguishable from magic.', 'Arthur C. Clarke'),
  en(
    'The Analytical Engine weaves algebraical patterns just as the Jacquard-loom weaves flowers and leaves.',
    'Ada Lovelace',
  ),
  en(
    'It is better to have 100 functions operate on one data structure than 10 functions on 10 data structures.',
    'Alan Perlis',
  ),
  en(
    "A language that doesn't affect the way you think about programming, is not worth knowing.",
    'Alan Perlis',
  ),
  en('Simplicity does not precede complexity, but follows it.', 'Alan Perlis'),
  en(
    'There are only two hard things in Computer Science: cache invalidation and naming things.',
    'Phil Karlton',
  ),
  en('Given enough eyeballs, all bugs are shallow.', 'Eric S. Raymond'),
  en(
    "Data dominates. If you've chosen the right data structures and organized things well, the algorithms will almost always be self-evident.",
    'Rob Pike',
  ),
  en('Clear is better than clever.', 'Rob Pike'),
  en("Don't communicate by sharing memory, share memory by communicating.", 'Rob Pike'),
  en('A little copying is better than a little dependency.', 'Rob Pike'),
  en('Everything fails, all the time.', 'Werner Vogels'),
  en('You build it, you run it.', 'Werner Vogels'),
  en('Nothing in life is to be feared, it is only to be understood.', 'Marie Curie'),
  en('The important thing is not to stop questioning.', 'Albert Einstein'),
  en('What I cannot create, I do not understand.', 'Richard Feynman'),
  en(
    'The first principle is that you must not fool yourself and you are the easiest person to fool.',
    'Richard Feynman',
  ),
  en('If I have seen further it is by standing on the shoulders of Giants.', 'Isaac Newton'),
  en('Lost time is never found again.', 'Benjamin Franklin'),
  en('Quality is never an accident; it is always the result of intelligent effort.', 'John Ruskin'),
  en('Real artists ship.', 'Steve Jobs'),
  en('Stay hungry. Stay foolish.', 'Stewart Brand'),
  en("Never trust a computer you can't throw out a window.", 'Steve Wozniak'),
  en('One of my most productive days was throwing away 1000 lines of code.', 'Ken Thompson'),
  en('When in doubt, use brute force.', 'Ken Thompson'),
  en('UNIX is simple. It just takes a genius to understand its simplicity.', 'Dennis Ritchie'),
  en('The function of good software is to make the complex appear to be simple.', 'Grady Booch'),
  {
    text: "Il semble que la perfection soit atteinte non quand il n'y a plus rien à ajouter, mais quand il n'y a plus rien à retrancher.",
    author: 'Antoine de Saint-Exupéry',
    language: 'fr',
  },
  { text: 'Je pense, donc je suis.', author: 'René Descartes', language: 'fr' },
  {
    text: 'Die Grenzen meiner Sprache bedeuten die Grenzen meiner Welt.',
    author: 'Ludwig Wittgenstein',
    language: 'de',
  },
  {
    text: 'Caminante, no hay camino, se hace camino al andar.',
    author: 'Antonio Machado',
    language: 'es',
  },
  {
    text: 'Det finns inget dåligt väder, bara dåliga kläder.',
    author: 'svenskt ordspråk',
    language: 'sv',
  },
];
