//! Building a page's tree within limits that hold for any input.
//!
//! html5ever decides how elements nest, and on hostile markup some of its algorithms take time
//! or memory that grow faster than the input: formatting elements left open are cloned into
//! every later block (each clone nested in the previous one), elements it does not close by
//! themselves (`<rb>`, `<li>` inside `<dd>`) nest without end, and it walks its stack of open
//! elements for most tags. A count of tags before parsing cannot see any of that. So the tree
//! is built through a sink that charges what html5ever creates against a budget proportional
//! to the input ([`tree_budget`]), and the input is fed in chunks, between which the parser's
//! own state (its open elements and the formatting elements it would reconstruct) is
//! measured against the depth limit. Past either limit the parse stops: the sink empties the
//! input queue the tokenizer reads, so html5ever stops within the token it is building.

use std::borrow::Cow;
use std::cell::{Cell, Ref, RefCell};

use ego_tree::NodeId;
use html5ever::TokenizerResult;
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{BufferQueue, Tokenizer, TokenizerOpts};
use html5ever::tree_builder::{
    ElementFlags, NodeOrText, QuirksMode, Tracer, TreeBuilder, TreeBuilderOpts, TreeSink,
};
use html5ever::{Attribute, QualName};
use scraper::{Html, HtmlTreeSink};

use crate::error::Error;

/// What a node of the tree is charged: an ego-tree node holding a `scraper::Node` (88 bytes)
/// and its four links.
const NODE_BYTES: usize = 128;

/// What an attribute is charged besides its name and value: its qualified name and the
/// value's handle.
const ATTRIBUTE_BYTES: usize = 48;

/// Bytes of input fed to html5ever at a time. Its state is measured between chunks, so a chunk
/// bounds the work done past the depth limit (a few milliseconds of `<rb>`s).
const CHUNK: usize = 16 * 1024;

/// The tree a page of `len` bytes may build, in bytes as [`NODE_BYTES`] and [`ATTRIBUTE_BYTES`]
/// count them: 32 per byte of input, plus 16 MiB. The corpus's pages take 5.9 per byte (the
/// median) to 9.8, a 50 MB post of formatted text 11.4, a page written without end tags
/// (`<li>x` after `<li>x`) about 50; html5ever's clones of formatting elements take what the
/// markup does not pay for.
pub(crate) fn tree_budget(len: usize) -> usize {
    len.saturating_mul(32).saturating_add(16 << 20)
}

/// What the trees built from one input may take together: [`tree_budget`] of its length,
/// shared by the page and the documents read out of it (the posts of a JSON topic), and how
/// deep their elements may nest.
#[derive(Debug)]
pub(crate) struct Budget {
    /// Bytes the trees may still take; 0 once the budget is spent.
    left: Cell<usize>,
    limit: usize,
    /// The input's length.
    size: usize,
    max_depth: usize,
}

impl Budget {
    /// The budget of an input of `size` bytes whose elements nest at most `max_depth` deep.
    pub(crate) fn new(size: usize, max_depth: usize) -> Budget {
        let limit = tree_budget(size);
        Budget { left: Cell::new(limit), limit, size, max_depth }
    }

    fn exceeded(&self) -> Error {
        Error::TooManyNodes { size: self.size, limit: self.limit }
    }

    fn too_deep(&self) -> Error {
        Error::TooDeep { limit: self.max_depth }
    }

    /// Takes `bytes` out of the budget for a structure built from the input other than a tree
    /// (a text rendering's table of lines).
    ///
    /// # Errors
    /// [`Error::TooManyNodes`] when they are more than is left; the budget is then spent.
    pub(crate) fn take(&self, bytes: usize) -> Result<(), Error> {
        match self.left.get().checked_sub(bytes) {
            Some(left) => {
                self.left.set(left);
                Ok(())
            }
            None => {
                self.left.set(0);
                Err(self.exceeded())
            }
        }
    }

    /// The deepest nesting allowed.
    pub(crate) fn max_depth(&self) -> usize {
        self.max_depth
    }
}

impl Default for Budget {
    /// The budget of an empty input with the default depth limit.
    fn default() -> Budget {
        Budget::new(0, crate::limits::DEFAULT_MAX_DEPTH)
    }
}

/// Parses `html` as a document, charging its tree to `budget`.
///
/// # Errors
/// [`Error::TooManyAttributes`] when a tag has more than `limits::MAX_ATTRIBUTES`, or could
/// have where the tokenizer reads a whole chunk inside one token (see
/// `limits::AttributeScan`); [`Error::TooDeep`] when html5ever's open elements, with the formatting elements it would
/// reopen, pass the budget's depth at the end of a chunk; [`Error::TooManyNodes`] when the
/// budget is spent; [`Error::TooLarge`] beyond the 4 GiB a tendril holds. The depth of the
/// finished tree is the caller's to check (see `tree::build_document`).
pub(crate) fn build(html: &str, budget: &Budget) -> Result<Html, Error> {
    let Ok(len) = u32::try_from(html.len()) else {
        return Err(Error::TooLarge { size: html.len(), limit: u32::MAX as usize });
    };
    use crate::limits::{AttributeScan, MAX_ATTRIBUTES};
    if budget.left.get() == 0 {
        return Err(budget.exceeded());
    }
    let input = BufferQueue::default();
    let sink = Sink {
        inner: HtmlTreeSink::new(Html::new_document()),
        budget,
        input: &input,
        too_many_attributes: Cell::new(false),
    };
    let too_many_attributes = || Err(Error::TooManyAttributes { limit: MAX_ATTRIBUTES });
    // Where the last chunk that made something began: a token the tokenizer is still in
    // started there or later.
    let mut made_from = 0;
    let mut scan: Option<AttributeScan> = None;
    let tokenizer =
        Tokenizer::new(TreeBuilder::new(sink, TreeBuilderOpts::default()), TokenizerOpts::default());
    // One copy of the input, as html5ever's own driver makes; the chunks and the text nodes
    // share it.
    let whole = StrTendril::from_slice(html);
    let mut start = 0;
    let mut open = Vec::new();
    while start < len {
        let mut end = (start as usize + CHUNK).min(html.len());
        while !html.is_char_boundary(end) {
            end += 1;
        }
        let end = u32::try_from(end).unwrap_or(len);
        input.push_back(whole.subtendril(start, end - start));
        let (chunk_start, left) = (start as usize, budget.left.get());
        start = end;
        while let TokenizerResult::Script(_) = tokenizer.feed(&input) {}
        if budget.left.get() == 0 {
            return Err(budget.exceeded());
        }
        if tokenizer.sink.sink.too_many_attributes.get() {
            return too_many_attributes();
        }
        // A chunk read without making anything: the tokenizer is inside one token (a long
        // tag, comment, script or text), where a tag may gather attributes, each checked
        // against the others. Their count is followed until it makes something again.
        if budget.left.get() == left {
            let scan = scan.get_or_insert_with(|| AttributeScan::at(made_from));
            if scan.run(html.as_bytes(), end as usize, MAX_ATTRIBUTES) > MAX_ATTRIBUTES {
                return too_many_attributes();
            }
        } else {
            made_from = chunk_start;
            scan = None;
        }
        // The open elements and the formatting elements to reopen, each once, less the
        // document, `html`, `body`, `head` and a `form`, which are traced too.
        open.clear();
        tokenizer.sink.trace_handles(&Collect(RefCell::new(&mut open)));
        open.sort_unstable();
        open.dedup();
        if open.len().saturating_sub(5) > budget.max_depth {
            return Err(budget.too_deep());
        }
    }
    tokenizer.end();
    if budget.left.get() == 0 {
        return Err(budget.exceeded());
    }
    if tokenizer.sink.sink.too_many_attributes.get() {
        return too_many_attributes();
    }
    Ok(tokenizer.sink.sink.inner.finish())
}

/// Collects the handles html5ever traces.
struct Collect<'a>(RefCell<&'a mut Vec<NodeId>>);

impl Tracer for Collect<'_> {
    type Handle = NodeId;

    fn trace_handle(&self, node: &NodeId) {
        self.0.borrow_mut().push(*node);
    }
}

/// scraper's tree sink, charging what it creates to a budget.
struct Sink<'b> {
    inner: HtmlTreeSink,
    budget: &'b Budget,
    /// The input the tokenizer reads from: emptied when the budget is spent, so that it stops
    /// at its next read.
    input: &'b BufferQueue,
    /// Whether an element came with more than `limits::MAX_ATTRIBUTES` attributes (a tag
    /// shorter than two chunks, which the tokenizer read whole: the next such tag is not
    /// read).
    too_many_attributes: Cell<bool>,
}

impl Sink<'_> {
    fn charge(&self, bytes: usize) {
        let left = self.budget.left.get();
        if bytes < left {
            self.budget.left.set(left - bytes);
        } else if left > 0 {
            self.budget.left.set(0);
            self.input.replace_with(BufferQueue::default());
        }
    }

    fn charge_attributes(&self, attrs: &[Attribute]) {
        let bytes: usize = attrs.iter().map(|a| ATTRIBUTE_BYTES + a.name.local.len() + a.value.len()).sum();
        self.charge(bytes);
    }

    /// Charges text appended after `last`, the node it would follow: a node of its own
    /// unless it joins a text node there, as the inner sink joins them.
    fn charge_text(&self, text: &StrTendril, last: Option<NodeId>) {
        let joins =
            last.is_some_and(|id| self.inner.0.borrow().tree.get(id).is_some_and(|n| n.value().is_text()));
        self.charge(text.len() + if joins { 0 } else { NODE_BYTES });
    }

    fn last_child(&self, parent: NodeId) -> Option<NodeId> {
        self.inner.0.borrow().tree.get(parent).and_then(|p| p.last_child()).map(|c| c.id())
    }

    fn prev_sibling(&self, sibling: NodeId) -> Option<NodeId> {
        self.inner.0.borrow().tree.get(sibling).and_then(|s| s.prev_sibling()).map(|c| c.id())
    }
}

impl TreeSink for Sink<'_> {
    type Handle = NodeId;
    type Output = Html;
    type ElemName<'a>
        = Ref<'a, QualName>
    where
        Self: 'a;

    fn finish(self) -> Html {
        self.inner.finish()
    }

    /// Parse errors are not kept: nothing reads them, and hostile input makes one per tag.
    fn parse_error(&self, _msg: Cow<'static, str>) {}

    fn get_document(&self) -> NodeId {
        self.inner.get_document()
    }

    fn elem_name<'a>(&'a self, target: &'a NodeId) -> Ref<'a, QualName> {
        self.inner.elem_name(target)
    }

    fn create_element(&self, name: QualName, attrs: Vec<Attribute>, flags: ElementFlags) -> NodeId {
        // A template also holds a fragment node.
        self.charge(if flags.template { 2 * NODE_BYTES } else { NODE_BYTES });
        self.charge_attributes(&attrs);
        if attrs.len() > crate::limits::MAX_ATTRIBUTES {
            self.too_many_attributes.set(true);
            self.input.replace_with(BufferQueue::default());
        }
        self.inner.create_element(name, attrs, flags)
    }

    fn create_comment(&self, text: StrTendril) -> NodeId {
        self.charge(NODE_BYTES + text.len());
        self.inner.create_comment(text)
    }

    fn create_pi(&self, target: StrTendril, data: StrTendril) -> NodeId {
        self.charge(NODE_BYTES + target.len() + data.len());
        self.inner.create_pi(target, data)
    }

    fn append(&self, parent: &NodeId, child: NodeOrText<NodeId>) {
        if let NodeOrText::AppendText(text) = &child {
            self.charge_text(text, self.last_child(*parent));
        }
        self.inner.append(parent, child);
    }

    fn append_based_on_parent_node(
        &self,
        element: &NodeId,
        prev_element: &NodeId,
        child: NodeOrText<NodeId>,
    ) {
        if let NodeOrText::AppendText(text) = &child {
            // Either place: charged as a node of its own.
            self.charge_text(text, None);
        }
        self.inner.append_based_on_parent_node(element, prev_element, child);
    }

    fn append_doctype_to_document(&self, name: StrTendril, public_id: StrTendril, system_id: StrTendril) {
        self.charge(NODE_BYTES + name.len() + public_id.len() + system_id.len());
        self.inner.append_doctype_to_document(name, public_id, system_id);
    }

    fn mark_script_already_started(&self, node: &NodeId) {
        self.inner.mark_script_already_started(node);
    }

    fn pop(&self, node: &NodeId) {
        self.inner.pop(node);
    }

    fn get_template_contents(&self, target: &NodeId) -> NodeId {
        self.inner.get_template_contents(target)
    }

    fn same_node(&self, x: &NodeId, y: &NodeId) -> bool {
        self.inner.same_node(x, y)
    }

    fn set_quirks_mode(&self, mode: QuirksMode) {
        self.inner.set_quirks_mode(mode);
    }

    fn append_before_sibling(&self, sibling: &NodeId, new_node: NodeOrText<NodeId>) {
        if let NodeOrText::AppendText(text) = &new_node {
            self.charge_text(text, self.prev_sibling(*sibling));
        }
        self.inner.append_before_sibling(sibling, new_node);
    }

    fn add_attrs_if_missing(&self, target: &NodeId, attrs: Vec<Attribute>) {
        self.charge_attributes(&attrs);
        self.inner.add_attrs_if_missing(target, attrs);
    }

    fn associate_with_form(&self, target: &NodeId, form: &NodeId, nodes: (&NodeId, Option<&NodeId>)) {
        self.inner.associate_with_form(target, form, nodes);
    }

    fn remove_from_parent(&self, target: &NodeId) {
        self.inner.remove_from_parent(target);
    }

    fn reparent_children(&self, node: &NodeId, new_parent: &NodeId) {
        self.inner.reparent_children(node, new_parent);
    }

    fn is_mathml_annotation_xml_integration_point(&self, handle: &NodeId) -> bool {
        self.inner.is_mathml_annotation_xml_integration_point(handle)
    }

    fn set_current_line(&self, line_number: u64) {
        self.inner.set_current_line(line_number);
    }

    fn allow_declarative_shadow_roots(&self, intended_parent: &NodeId) -> bool {
        self.inner.allow_declarative_shadow_roots(intended_parent)
    }

    fn attach_declarative_shadow(&self, location: &NodeId, template: &NodeId, attrs: &[Attribute]) -> bool {
        self.inner.attach_declarative_shadow(location, template, attrs)
    }
}
